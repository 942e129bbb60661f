package dev.securerestapi.app.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.junit.jupiter.api.Test;

class ProblemsTest {

    @Test
    void unauthorizedReadsAsTheTutorialPrintsIt() {
        Problem problem = Problems.forStatus(401);
        assertEquals("Unauthorized", problem.title());
        assertEquals("Unauthorized Access", problem.detail());
    }

    @Test
    void titleIsTheReasonPhraseEvenForStatusesJaxRsDoesNotName() {
        assertEquals("Request Header Fields Too Large", Problems.forStatus(431).title());
        assertEquals("Client Error", Problems.forStatus(499).title());
    }

    @Test
    void serverStatusesCarryAnIncidentId() {
        assertNotNull(Problems.forStatus(502).incident());
    }
}
