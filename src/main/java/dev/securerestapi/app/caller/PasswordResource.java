package dev.securerestapi.app.caller;

import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import dev.securerestapi.app.http.JsonObjectBody;
import dev.securerestapi.app.problem.ProblemException;
import dev.securerestapi.credentials.PasswordChanges;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/**
 * {@code PUT /api/v1/me/password}: the caller changes their own password. The caller is who the
 * container authenticated (web.xml lets any user do this, for themselves only: there is no name in
 * the request); the body names the current password again and the new one, and both go straight
 * to the login core ({@link PasswordChanges}), which checks, hashes and stores. Neither is logged
 * or answered.
 */
@Singleton
@Path("api/v1/me/password")
public class PasswordResource {

    private static final Set<String> FIELDS = Set.of("current", "new");

    @Inject
    private OwnCredentials changes;

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public void change(@Context SecurityContext caller, JsonNode body) {
        JsonObjectBody read = JsonObjectBody.of(body, "a password change", FIELDS, "current and new");
        String current = read.text("current");
        String replacement = read.text("new");
        if (current != null && current.isEmpty()) {
            read.refuse("current", "must not be empty");
        }
        if (replacement != null && replacement.isEmpty()) {
            read.refuse("new", "must not be empty");
        }
        read.done();
        PasswordChanges.Result result = changes.change(caller.getUserPrincipal().getName(), current, replacement);
        if (result instanceof PasswordChanges.WrongCurrent) {
            throw new ProblemException(403, "current is not your password: the password is not changed");
        }
        if (result instanceof PasswordChanges.Refused refused) {
            throw ProblemException.invalid("new", refused.message() + " (" + refused.rule() + ")");
        }
        if (result instanceof PasswordChanges.NotStored notStored) {
            throw new ProblemException(409, "The password cannot be changed here: " + notStored.why());
        }
        if (result instanceof PasswordChanges.TooMany tooMany) {
            throw ProblemException.retryAfter(429, tooMany.retryAfterSeconds(), "Too many failed logins: try again later");
        }
        if (result instanceof PasswordChanges.Unavailable unavailable) {
            throw ProblemException.retryAfter(503, unavailable.retryAfterSeconds(), "The password cannot be changed now: try again shortly");
        }
    }
}
