package dev.securerestapi.app.caller;

import java.net.URI;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import dev.securerestapi.app.http.JsonObjectBody;
import dev.securerestapi.app.problem.ProblemException;
import dev.securerestapi.credentials.AccessTokens;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;

/**
 * {@code /api/v1/me/tokens}: the caller's access tokens, made, listed and revoked. web.xml lets
 * only a login with a password here (role {@code password}), so a token never makes another. The
 * login core ({@link OwnCredentials}) makes, stores and revokes; this shows a secret once, in the
 * answer that made it, and logs none.
 */
@Singleton
@Path("api/v1/me/tokens")
public class TokensResource {

    private static final Set<String> FIELDS = Set.of("name", "scope", "expires_in_days");

    @Inject
    private OwnCredentials credentials;

    /** A token as answered: never the secret, except {@code token} in the answer that made it. */
    @JsonPropertyOrder({"id", "name", "scope", "created_at", "expires_at", "last_used_at", "token"})
    public record Shown(String id, String name, String scope, @JsonProperty("created_at") String createdAt,
            @JsonProperty("expires_at") String expiresAt, @JsonProperty("last_used_at") String lastUsedAt,
            @JsonInclude(JsonInclude.Include.NON_NULL) String token) {

        static Shown of(AccessTokens.Token token, String secret) {
            return new Shown(token.id(), token.name(), token.scope(), token.created().toString(), token.expires().toString(),
                    token.lastUsed() == null ? null : token.lastUsed().toString(), secret);
        }

        @Override
        public String toString() {
            return "Shown[" + id + "]";
        }
    }

    /** The list. */
    public record Listed(List<Shown> tokens) {}

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response make(@Context SecurityContext caller, JsonNode body, @Context UriInfo uri) {
        JsonObjectBody read = JsonObjectBody.of(body, "a token request", FIELDS, "name, scope and expires_in_days");
        String name = read.text("name");
        String scope = read.text("scope");
        Integer days = read.integer("expires_in_days");
        read.done();
        AccessTokens.Made made = stored(() -> credentials.make(caller.getUserPrincipal().getName(), name, scope, days));
        if (made instanceof AccessTokens.Refused refused) {
            throw ProblemException.invalid(refused.field(), refused.message());
        }
        if (made instanceof AccessTokens.Conflict conflict) {
            throw new ProblemException(409, conflict.message());
        }
        AccessTokens.Created created = (AccessTokens.Created) made;
        URI location = URI.create(uri.getAbsolutePathBuilder().path(created.token().id()).build().getRawPath());
        return Response.created(location).entity(Shown.of(created.token(), created.secret())).build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Listed list(@Context SecurityContext caller) {
        return new Listed(stored(() -> credentials.list(caller.getUserPrincipal().getName())).stream().map(t -> Shown.of(t, null)).toList());
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Shown get(@Context SecurityContext caller, @PathParam("id") String id) {
        return stored(() -> credentials.find(caller.getUserPrincipal().getName(), id)).map(t -> Shown.of(t, null))
                .orElseThrow(() -> new ProblemException(404, "You have no token of that id"));
    }

    @DELETE
    @Path("{id}")
    public void revoke(@Context SecurityContext caller, @PathParam("id") String id) {
        if (!stored(() -> credentials.revoke(caller.getUserPrincipal().getName(), id))) {
            throw new ProblemException(404, "You have no token of that id");
        }
    }

    /** {@code work}, with a token store that cannot answer as 409 (never here) or 503 (not now). */
    private static <T> T stored(java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (AccessTokens.NotStored e) {
            if (e.temporary()) {
                throw ProblemException.retryAfter(503, 5, "Tokens cannot be kept now: try again shortly");
            }
            throw new ProblemException(409, "Tokens cannot be kept here: " + e.getMessage());
        }
    }
}
