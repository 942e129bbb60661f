package dev.securerestapi.app.problem;

import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.ws.rs.core.Response;

/**
 * The problems this API answers with, shared by the JAX-RS mapper and the container's error page
 * so a status reads the same whichever of them produced it.
 */
public final class Problems {

    private static final Logger LOG = Logger.getLogger(Problems.class.getName());

    private Problems() {}

    /** The problem for a status the container or Jersey decided on. */
    public static Problem forStatus(int status) {
        if (status >= 500) {
            // no exception to show, but the id the client quotes must lead to a log line
            String incident = newIncidentId();
            LOG.severe("Incident " + incident + ": answered " + status + " without an exception");
            return serverError(status, incident);
        }
        return Problem.ofStatus(status, title(status), detail(status));
    }

    /** A client error with its own explanation. */
    public static Problem of(int status, String detail) {
        return Problem.ofStatus(status, title(status), detail);
    }

    /**
     * The problem for an exception nobody expected: logged with its stack trace under a fresh
     * incident id, which is all the client learns about it.
     */
    public static Problem unexpected(Throwable error) {
        String incident = newIncidentId();
        LOG.log(Level.SEVERE, "Incident " + incident + ": unexpected " + error.getClass().getName(), error);
        return serverError(500, incident);
    }

    private static Problem serverError(int status, String incident) {
        return new Problem(Problem.BLANK, title(status), status,
                "The server could not complete the request. Quote incident " + incident + " when reporting it.",
                incident, List.of());
    }

    private static String newIncidentId() {
        return UUID.randomUUID().toString();
    }

    /** RFC 9110's reason phrase, where JAX-RS still names the status as RFC 2616 did. */
    static String title(int status) {
        switch (status) {
            case 413:
                return "Content Too Large";
            case 416:
                return "Range Not Satisfiable";
            case 422:
                return "Unprocessable Content";
            default:
                break;
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        if (known != null) {
            return known.getReasonPhrase();
        }
        return switch (Response.Status.Family.familyOf(status)) {
            case CLIENT_ERROR -> "Client Error";
            case SERVER_ERROR -> "Server Error";
            default -> "Error";
        };
    }

    private static String detail(int status) {
        return switch (status) {
            case 400 -> "The request is malformed.";
            case 401 -> "Unauthorized Access";
            case 403 -> "Your account is not allowed to access this resource.";
            case 404 -> "There is no resource at this path.";
            case 405 -> "This resource does not support the request method.";
            case 406 -> "This resource cannot answer in any media type the request accepts.";
            case 413 -> "The request body is too large.";
            case 415 -> "This resource does not accept the request's content type.";
            case 429 -> "Too many failed logins for this user name or from this address. Try again after the number of"
                    + " seconds in Retry-After.";
            case 431 -> "The request's header fields are too large.";
            default -> title(status) + ".";
        };
    }
}
