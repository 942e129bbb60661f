package dev.securerestapi.app.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProblemMapperTest {

    private final ProblemMapper mapper = new ProblemMapper();
    private final List<LogRecord> logged = new ArrayList<>();
    private final Logger log = Logger.getLogger(Problems.class.getName());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void captureLog() {
        log.addHandler(capture);
    }

    @AfterEach
    void releaseLog() {
        log.removeHandler(capture);
    }

    private static Problem problemOf(Response response) {
        assertEquals(Problem.MEDIA_TYPE, response.getMediaType().toString());
        return (Problem) response.getEntity();
    }

    @Test
    void aDatabaseThatDoesNotAnswerIsA503WithRetryAfterAndNotAnIncident() {
        Response response = mapper.toResponse(new Unavailable("The database does not answer."));
        assertEquals(503, response.getStatus());
        assertEquals(String.valueOf(Unavailable.RETRY_AFTER_SECONDS), String.valueOf(response.getHeaderString("Retry-After")));
        Problem problem = problemOf(response);
        assertEquals("The database does not answer.", problem.detail());
        assertNull(problem.incident());
        assertTrue(logged.isEmpty(), "an expected event, not an incident");
    }

    @Test
    void clientErrorKeepsItsStatusAndIsNotAnIncident() {
        Response response = mapper.toResponse(new NotFoundException());
        Problem problem = problemOf(response);
        assertEquals(404, response.getStatus());
        assertEquals(404, problem.status());
        assertEquals("Not Found", problem.title());
        assertEquals("about:blank", problem.type());
        assertNull(problem.incident());
        assertTrue(logged.isEmpty(), "4xx is not logged as an incident");
    }

    @Test
    void methodNotAllowedNamesHeadWhereItNamesGet() {
        Response response = mapper.toResponse(new NotAllowedException("GET", new String[] {"OPTIONS"}));
        assertEquals(405, response.getStatus());
        assertEquals(java.util.List.of("GET, HEAD, OPTIONS"), response.getHeaders().get("Allow").stream().map(String::valueOf).toList());
    }

    @Test
    void methodNotAllowedNamesEachMethodOnceSortedAsAPlainOptionsDoes() {
        Response response = mapper.toResponse(new NotAllowedException("HEAD", new String[] {"OPTIONS", "GET", "HEAD"}));
        assertEquals(405, response.getStatus());
        assertEquals(java.util.List.of("GET, HEAD, OPTIONS"), response.getHeaders().get("Allow").stream().map(String::valueOf).toList());
        assertEquals(405, problemOf(response).status());
    }

    @Test
    void unsupportedMediaTypeIsA415Problem() {
        Response response = mapper.toResponse(new NotSupportedException());
        assertEquals(415, problemOf(response).status());
    }

    @Test
    void unexpectedExceptionIsA500IncidentLoggedWithItsStackTrace() {
        IllegalStateException bug = new IllegalStateException("db password is hunter2");
        Response response = mapper.toResponse(bug);
        Problem problem = problemOf(response);

        assertEquals(500, response.getStatus());
        assertNotNull(problem.incident());
        assertTrue(problem.detail().contains(problem.incident()), "client can quote the incident");
        assertFalse(problem.detail().contains("hunter2"), "the exception's message stays on the server");
        assertFalse(problem.detail().contains("IllegalStateException"));

        assertEquals(1, logged.size());
        assertTrue(logged.get(0).getMessage().contains(problem.incident()), "log names the incident");
        assertSame(bug, logged.get(0).getThrown(), "log carries the stack trace");
    }

    @Test
    void serverErrorsThrownOnPurposeAreIncidentsToo() {
        Response response = mapper.toResponse(new ServiceUnavailableException());
        Problem problem = problemOf(response);
        assertEquals(503, response.getStatus());
        assertNotNull(problem.incident());
        assertEquals(1, logged.size());
    }

    @Test
    void serverStatusWithoutAnExceptionIsLoggedUnderItsIncidentId() {
        Problem problem = Problems.forStatus(503);
        assertEquals(1, logged.size());
        assertTrue(logged.get(0).getMessage().contains(problem.incident()));
    }

    @Test
    void eachIncidentHasItsOwnId() {
        String first = problemOf(mapper.toResponse(new RuntimeException())).incident();
        String second = problemOf(mapper.toResponse(new RuntimeException())).incident();
        assertFalse(first.equals(second));
    }
}
