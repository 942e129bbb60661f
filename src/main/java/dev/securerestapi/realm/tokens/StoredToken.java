package dev.securerestapi.realm.tokens;

import java.time.Instant;

import dev.securerestapi.credentials.AccessTokens;

/**
 * An access token as a store holds it: the secret only as its {@link TokenDigest}, never the
 * secret itself. {@code lastUsed} and {@code lastAddress} are null until its first use is written.
 */
public record StoredToken(String id, String user, String digest, String name, String scope, Instant created, Instant expires,
        Instant lastUsed, String lastAddress) {

    public static final String READ = "read";
    public static final String WRITE = "write";

    public boolean expiredAt(Instant now) {
        return !expires.isAfter(now);
    }

    /** With {@code at} and {@code address} as its last use, when later than the one it holds. */
    public StoredToken usedAt(Instant at, String address) {
        return lastUsed != null && !at.isAfter(lastUsed) ? this : new StoredToken(id, user, digest, name, scope, created, expires, at, address);
    }

    public AccessTokens.Token shown() {
        return new AccessTokens.Token(id, name, scope, created, expires, lastUsed);
    }

    @Override
    public String toString() {
        return "StoredToken[" + id + ", " + user + ", " + scope + "]";
    }
}
