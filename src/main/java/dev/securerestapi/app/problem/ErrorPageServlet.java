package dev.securerestapi.app.problem;

import java.io.IOException;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.securerestapi.app.metrics.Metrics;
import dev.securerestapi.settings.Settings;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * web.xml's error page: turns the errors the container answers itself (401 and 403 from the
 * security constraints, anything that fails before Jersey) into problem+json, or for a browser
 * the same problem as HTML ({@link ProblemPage}). Headers the
 * container already set, such as the BASIC challenge, are left alone.
 */
public class ErrorPageServlet extends HttpServlet {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A 503 the container's login answered with {@code Retry-After} (the login adapters alone do):
     * the login could not be checked now, which the login core has logged and counted; no incident.
     */
    private static final Problem LOGINS_UNAVAILABLE = Problems.of(HttpServletResponse.SC_SERVICE_UNAVAILABLE,
            "This instance cannot check logins now: try again after the number of seconds in Retry-After.");

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Problem problem;
        if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable error) {
            problem = Problems.unexpected(error);
        } else if (request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer status) {
            problem = status == HttpServletResponse.SC_FORBIDDEN ? forbidden(request)
                    : status == HttpServletResponse.SC_SERVICE_UNAVAILABLE && response.getHeader("Retry-After") != null ? LOGINS_UNAVAILABLE
                    : Problems.forStatus(status);
        } else {
            // requested directly rather than dispatched to: there is nothing here
            problem = Problems.forStatus(HttpServletResponse.SC_NOT_FOUND);
        }
        Metrics.containerAnswered(problem.status());
        send(request, response, problem);
    }

    /** A 403 of web.xml's constraints, saying what to do when the caller logged in with a temporary password or a token (the adapter says which). */
    private static Problem forbidden(HttpServletRequest request) {
        Object credential = request.getAttribute(Settings.CREDENTIAL_ATTRIBUTE);
        String path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri && uri.startsWith(request.getContextPath())
                ? uri.substring(request.getContextPath().length()) : "";
        if (Settings.TEMPORARY_ROLE.equals(credential)) {
            return Problems.of(403, "Your password is temporary: change it first (PUT /api/v1/me/password, or the form at /#change-password);"
                    + " until then it opens nothing else.");
        }
        if (Settings.TOKEN_CREDENTIAL.equals(credential) && path.startsWith("/api/v1/me/")) {
            return Problems.of(403, "An access token neither changes a password nor makes, lists or revokes tokens: send your password.");
        }
        return Problems.forStatus(403);
    }

    /** Answers {@code problem} as problem+json, or as HTML to a browser; for servlet code outside Jersey too. */
    public static void send(HttpServletRequest request, HttpServletResponse response, Problem problem) throws IOException {
        response.setStatus(problem.status());
        response.setHeader("Cache-Control", "no-store");
        if (ProblemPage.preferredBy(request.getHeader("Accept"))) {
            response.setContentType(ProblemPage.MEDIA_TYPE);
            response.getOutputStream().write(ProblemPage.render(problem).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return;
        }
        response.setContentType(Problem.MEDIA_TYPE);
        JSON.writeValue(response.getOutputStream(), problem);
    }
}
