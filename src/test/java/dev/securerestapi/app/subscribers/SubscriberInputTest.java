package dev.securerestapi.app.subscribers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.securerestapi.app.problem.ProblemException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SubscriberInputTest {

    private static JsonNode json(String text) throws JsonProcessingException {
        return new ObjectMapper().readTree(text);
    }

    @Test
    void nameAndEmailAreTrimmed() throws Exception {
        SubscriberInput input = SubscriberInput.from(json("{\"name\":\"  Ada \",\"email\":\" ada@example.org \"}"));
        assertEquals("Ada", input.name());
        assertEquals("ada@example.org", input.email());
    }

    @Test
    void nameLimitCountsCodePointsNotUtf16Units() throws Exception {
        String emoji = "\uD83D\uDE00".repeat(200);
        assertEquals(emoji, SubscriberInput.from(json("{\"name\":\"" + emoji + "\",\"email\":\"a@example.org\"}")).name());
        assertThrows(ProblemException.class,
                () -> SubscriberInput.from(json("{\"name\":\"" + emoji + "x\",\"email\":\"a@example.org\"}")));
    }

    @Test
    void everyWrongFieldIsNamedAtOnce() throws Exception {
        ProblemException problem = assertThrows(ProblemException.class,
                () -> SubscriberInput.from(json("{\"name\":1,\"extra\":2}")));
        String detail = problem.getMessage();
        assertTrue(detail.contains("extra:") && detail.contains("name:") && detail.contains("email:"), detail);
        assertEquals(400, problem.getResponse().getStatus());
    }

    @Test
    void absentBodyIsRejected() {
        assertThrows(ProblemException.class, () -> SubscriberInput.from(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a@example.org", "first.last+tag@sub.example.co.uk", "o'hara@example.ie", "x@a-b.example"})
    void plausibleAddressesAreAccepted(String email) {
        assertTrue(SubscriberInput.isEmailAddress(email), email);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain", "@example.org", "a@", "a@b", "a@@example.org", "a b@example.org", ".a@example.org",
        "a.@example.org", "a..b@example.org", "a@-example.org", "a@example-.org", "a@example.o", "a@example.123",
        "a@exa_mple.org", "a@example.org."})
    void implausibleAddressesAreRejected(String email) {
        assertFalse(SubscriberInput.isEmailAddress(email), email);
    }

    @Test
    void localPartOver64CharactersIsRejected() {
        assertFalse(SubscriberInput.isEmailAddress("a".repeat(65) + "@example.org"));
        assertTrue(SubscriberInput.isEmailAddress("a".repeat(64) + "@example.org"));
    }
}
