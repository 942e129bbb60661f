package dev.securerestapi.realm.tokens;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.securerestapi.credentials.AccessTokens;

/**
 * Where a deployment keeps its access tokens: a file beside the realm file ({@link FileTokens}),
 * or the database every instance shares ({@code dev.securerestapi.realm.db.DatabaseTokens}). Each
 * reads its tokens again within about a second of any change, on any instance, so that logins
 * look a token up in memory ({@link #byDigest}) and a revocation is in force everywhere within
 * seconds.
 */
public interface TokenStore extends AutoCloseable {

    /** The tokens in force now, by digest, as last read. */
    Map<String, StoredToken> byDigest();

    /** {@code user}'s tokens as stored now (read afresh). */
    List<StoredToken> of(String user);

    /**
     * Stores {@code token}, unless its user has one of the same name or {@code max} already.
     *
     * @throws AccessTokens.NotStored where the store cannot take it
     */
    Refusal add(StoredToken token, int max);

    /** Why {@link #add} did not store a token, or null when it did. */
    enum Refusal { NAME_TAKEN, TOO_MANY }

    /** Removes {@code user}'s token {@code id}; false when there is none. */
    boolean revoke(String user, String id);

    /** Writes the last use of each token named (by id), where it is later than the stored one: in one go, now and then. */
    void used(Map<String, Use> uses);

    /** A token's last use as an instance saw it. */
    record Use(Instant at, String address) {}

    /** The key of the deployment's digests, made on first need and kept apart from the tokens. */
    byte[] key();

    @Override
    void close();
}
