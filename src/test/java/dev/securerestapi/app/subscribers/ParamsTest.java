package dev.securerestapi.app.subscribers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.securerestapi.app.problem.ProblemException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParamsTest {

    @Test
    void absentParameterTakesItsDefault() {
        assertEquals(20, Params.number("limit", null, 20, 1, 100));
    }

    @Test
    void boundsAreInclusive() {
        assertEquals(1, Params.number("limit", "1", 20, 1, 100));
        assertEquals(100, Params.number("limit", "100", 20, 1, 100));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "101", "", "x", "1.0", "1e2", "99999999999999999999"})
    void outOfRangeOrNotANumberIsA400(String raw) {
        ProblemException problem = assertThrows(ProblemException.class, () -> Params.number("limit", raw, 20, 1, 100));
        assertEquals(400, problem.getResponse().getStatus());
    }

    @Test
    void idsArePositive() {
        assertEquals(7, Params.id("7"));
        assertThrows(ProblemException.class, () -> Params.id("0"));
    }
}
