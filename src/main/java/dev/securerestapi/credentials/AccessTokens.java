package dev.securerestapi.credentials;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Access tokens: random secrets a user makes for scripts and sends as the BASIC password in place
 * of their own, each with a scope and an expiry, revocable alone. The login core implements this
 * (and decides every login made with one); the resources whose job is a token hand the caller's
 * request over and show a secret once, when it is made. JDK types only, like {@link PasswordChanges}.
 */
public interface AccessTokens {

    /** What a token is, never its secret. {@code lastUsed} is null until it is used. */
    record Token(String id, String name, String scope, Instant created, Instant expires, Instant lastUsed) {}

    /**
     * Makes a token for {@code user} named {@code name} (unique among the user's), of {@code scope}
     * ({@code read} or {@code write}), expiring {@code days} days from now.
     */
    Made make(String user, String name, String scope, int days, String peer, List<String> forwarded);

    /** {@code user}'s tokens, newest first, expired ones included until they are revoked. */
    List<Token> list(String user);

    /** One of {@code user}'s tokens. */
    Optional<Token> find(String user, String id);

    /** Revokes {@code user}'s token {@code id}; false when the user has none of that id. */
    boolean revoke(String user, String id, String peer, List<String> forwarded);

    /** What became of a {@link #make}. */
    sealed interface Made permits Created, Refused, Conflict {}

    /** Made: {@code secret} is shown this once and never again. */
    record Created(Token token, String secret) implements Made {
        @Override
        public String toString() {
            return "Created[" + token + "]";
        }
    }

    /** The request is not one a token can be made of: {@code field} and why. */
    record Refused(String field, String message) implements Made {}

    /** The user has a token of that name already, or as many as one may have. */
    record Conflict(String message) implements Made {}

    /**
     * The token store cannot be written by this server ({@code temporary} false: a realm file's
     * directory it may not write) or not now ({@code temporary}: the shared database is away).
     */
    final class NotStored extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final boolean temporary;

        public NotStored(String why, boolean temporary) {
            super(why);
            this.temporary = temporary;
        }

        public boolean temporary() {
            return temporary;
        }
    }
}
