package dev.securerestapi.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What every error body of this service must be: RFC 9457 problem+json, no internals. */
public final class ProblemAssert {

    /**
     * RFC 7617's challenge for this realm. An auth-param value may be a token or a quoted string
     * (RFC 9110 section 11.2): Jetty sends {@code charset="UTF-8"}, Tomcat {@code charset=UTF-8}.
     */
    private static final Pattern CHALLENGE = Pattern.compile("Basic realm=\"secure-rest-api\", charset=(\"UTF-8\"|UTF-8)");

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProblemAssert() {}

    public static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    /** The response has the status and a problem+json body describing it. */
    public static JsonNode assertProblem(int status, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), () -> "status; body: " + response.body());
        assertEquals("application/problem+json",
                response.headers().firstValue("Content-Type").orElse("(none)"), "content type");
        return assertProblemBody(status, response.body());
    }

    public static JsonNode assertProblemBody(int status, String body) {
        JsonNode problem = json(body);
        assertEquals(status, problem.path("status").asInt(), () -> "problem status in " + body);
        assertTrue(problem.path("type").isTextual(), () -> "problem type in " + body);
        assertTrue(problem.path("title").isTextual(), () -> "problem title in " + body);
        assertTrue(problem.path("detail").isTextual(), () -> "problem detail in " + body);
        assertNoInternals(body);
        return problem;
    }

    /** A 401 that a browser or client can answer: the challenge and the problem body. */
    public static void assertChallenged(HttpResponse<String> response) {
        JsonNode problem = assertProblem(401, response);
        assertChallengeHeader(response.headers().firstValue("WWW-Authenticate").orElse(null));
        assertEquals("Unauthorized Access", problem.path("detail").asText());
    }

    /** The value of WWW-Authenticate is the Basic challenge for realm secure-rest-api in UTF-8. */
    public static void assertChallengeHeader(String value) {
        assertTrue(value != null && CHALLENGE.matcher(value).matches(), () -> "WWW-Authenticate: " + value);
    }

    /** No exception, stack trace or class name, whoever wrote the body. */
    public static void assertNoInternals(String body) {
        for (String leak : new String[] {"Exception", "\tat ", "at org.", "at java.", "Caused by", "dev.securerestapi"}) {
            assertFalse(body.contains(leak), () -> "body leaks '" + leak + "': " + body);
        }
    }
}
