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
    void titlesAreRfc9110sReasonPhrasesNotRfc2616s() {
        assertEquals("Content Too Large", Problems.forStatus(413).title());
        assertEquals("Unprocessable Content", Problems.forStatus(422).title());
        assertEquals("Range Not Satisfiable", Problems.forStatus(416).title());
    }

    @Test
    void theProjectsOwnProblemsHaveTheirTypesAndTheRestAboutBlank() {
        assertEquals(Problem.THROTTLED, Problems.forStatus(429).type());
        assertEquals(Problem.CONFLICT, Problems.of(409, "taken").type());
        assertEquals(Problem.PRECONDITION, Problems.of(412, "changed").type());
        assertEquals(Problem.VALIDATION, ProblemException.invalid("name", "is empty").toProblem().type());
        assertEquals(Problem.BLANK, new ProblemException(400, "If-Match must be *").toProblem().type(), "a 400 naming no field");
        assertEquals(Problem.BLANK, Problems.forStatus(404).type());
        assertEquals(Problem.BLANK, Problems.forStatus(502).type());
    }

    @Test
    void serverStatusesCarryAnIncidentId() {
        assertNotNull(Problems.forStatus(502).incident());
    }
}
