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

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Problem problem;
        if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable error) {
            problem = Problems.unexpected(error);
        } else if (request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer status) {
            // Tomcat keeps the caller through its error page; Jetty's adapter marks the request instead
            boolean temporary = request.isUserInRole(Settings.TEMPORARY_ROLE) || request.getAttribute(Settings.TEMPORARY_ROLE) != null;
            problem = status == HttpServletResponse.SC_FORBIDDEN && temporary
                    ? Problems.of(status, "Your password is temporary: change it first (PUT /api/v1/me/password, or the form at /#change-password);"
                            + " until then it opens nothing else.")
                    : Problems.forStatus(status);
        } else {
            // requested directly rather than dispatched to: there is nothing here
            problem = Problems.forStatus(HttpServletResponse.SC_NOT_FOUND);
        }
        Metrics.containerAnswered(problem.status());
        send(request, response, problem);
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
