package dev.securerestapi.realm.tokens;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import dev.securerestapi.credentials.AccessTokens;
import dev.securerestapi.realm.Background;
import dev.securerestapi.realm.audit.Audit;
import dev.securerestapi.settings.Settings;

/**
 * What the login core does with access tokens, over one {@link TokenStore}: makes them (the secret
 * returned once, the store given its {@link TokenDigest} alone), finds the one a login sends, says
 * which roles it carries, lists and revokes them. A token's last use is kept in memory and written
 * to the store every {@link #FLUSH}, never once per request; the list shows this instance's later
 * uses over the stored ones.
 */
public final class Tokens implements AutoCloseable {

    /** The longest a token may live, in days. */
    public static final int MAX_DAYS = 366;
    /** The most tokens one user may hold. */
    public static final int MAX_PER_USER = 50;
    /** The longest name, in characters. */
    public static final int MAX_NAME = 100;
    static final Duration FLUSH = Duration.ofSeconds(10);

    private static final Logger LOG = Logger.getLogger(Tokens.class.getName());

    private final TokenStore store;
    private final Clock clock;
    private volatile TokenDigest digest;
    private static final Duration KEY_RETRY = Duration.ofSeconds(5);
    private long keyRetry;
    private boolean keyRefusedLogged;
    /** Uses not yet written, by token id. */
    private final Map<String, TokenStore.Use> pending = new ConcurrentHashMap<>();
    /** The address each token was last used from here, by id: a use from another is audited. */
    private final Map<String, String> lastAddress = new ConcurrentHashMap<>();
    private final ScheduledExecutorService writer;

    public Tokens(TokenStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.writer = Background.thread("secure-rest-api token uses");
        writer.scheduleWithFixedDelay(this::flush, FLUSH.toMillis(), FLUSH.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * The token {@code secret} is, when it is {@code user}'s and has not expired. Every secret
     * costs the same: one HMAC and one look-up in memory, whether it is unknown, another user's,
     * expired or right.
     */
    public Optional<StoredToken> find(String user, String secret) {
        TokenDigest digests = digest();
        if (digests == null) {
            return Optional.empty();
        }
        StoredToken token = store.byDigest().get(digests.of(secret));
        if (token == null || !TokenDigest.wellFormed(secret) || !token.user().equals(user) || token.expiredAt(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(token);
    }

    /**
     * The roles a login with {@code token} gets, its owner holding {@code ownerRoles} now: for
     * {@code read}, role {@code user} if the owner has it; for {@code write}, the owner's roles. Never
     * one the owner lacks, so a change of roles narrows the owner's tokens at once.
     */
    public static List<String> roles(StoredToken token, List<String> ownerRoles) {
        if (token.scope().equals(StoredToken.WRITE)) {
            return ownerRoles.stream().filter(Settings.ROLES::contains).toList();
        }
        return ownerRoles.contains("user") ? List.of("user") : List.of();
    }

    /** A login with {@code token} from {@code address}: remembered for the store, audited when the address is new to it. */
    public void used(StoredToken token, String address) {
        pending.put(token.id(), new TokenStore.Use(clock.instant(), address));
        String before = lastAddress.put(token.id(), address);
        if (!address.equals(before) && (before != null || !address.equals(token.lastAddress()))) {
            Audit.tokenUsed(token.user(), address, token.id(), token.name());
        }
    }

    /** Makes a token of {@code user}, who holds {@code ownerRoles}, asked for from {@code address}. */
    public AccessTokens.Made make(String user, List<String> ownerRoles, String name, String scope, int days, String address) {
        if (name == null || name.isBlank() || name.length() > MAX_NAME || name.codePoints().anyMatch(Character::isISOControl)) {
            return new AccessTokens.Refused("name", "must be 1 to " + MAX_NAME + " characters, none a control character");
        }
        if (!StoredToken.READ.equals(scope) && !StoredToken.WRITE.equals(scope)) {
            return new AccessTokens.Refused("scope", "must be read or write");
        }
        if (days < 1 || days > MAX_DAYS) {
            return new AccessTokens.Refused("expires_in_days", "must be 1 to " + MAX_DAYS);
        }
        StoredToken probe = new StoredToken("", user, "", name, scope, Instant.EPOCH, Instant.EPOCH, null, null);
        if (roles(probe, ownerRoles).isEmpty()) {
            return new AccessTokens.Refused("scope", "a " + scope + " token of yours would reach nothing: your account has no role it could carry");
        }
        TokenDigest digests = digest();
        if (digests == null) {
            throw new AccessTokens.NotStored("the token key cannot be read or made", true);
        }
        String secret = TokenDigest.secret();
        Instant now = clock.instant();
        StoredToken token = new StoredToken(TokenDigest.newId(), user, digests.of(secret), name, scope, now,
                now.plus(Duration.ofDays(days)), null, null);
        TokenStore.Refusal refusal = store.add(token, MAX_PER_USER);
        if (refusal == TokenStore.Refusal.NAME_TAKEN) {
            return new AccessTokens.Conflict("you have a token named so already: revoke it or choose another name");
        }
        if (refusal == TokenStore.Refusal.TOO_MANY) {
            return new AccessTokens.Conflict("you have " + MAX_PER_USER + " tokens, the most one may have: revoke one first");
        }
        Audit.tokenMade(user, address, token.id(), name, scope, token.expires());
        return new AccessTokens.Created(token.shown(), secret);
    }

    /** {@code user}'s tokens, newest first, each with its latest use this instance knows. */
    public List<AccessTokens.Token> list(String user) {
        List<AccessTokens.Token> shown = new ArrayList<>();
        for (StoredToken token : store.of(user)) {
            TokenStore.Use use = pending.get(token.id());
            shown.add((use == null ? token : token.usedAt(use.at(), use.address())).shown());
        }
        return shown;
    }

    /** Revokes {@code user}'s token {@code id} (asked for from {@code address}, or by the operator when null). */
    public boolean revoke(String user, String id, String address) {
        boolean revoked = store.revoke(user, id);
        if (revoked) {
            pending.remove(id);
            lastAddress.remove(id);
            Audit.tokenRevoked(user, address, id, address == null ? "operator" : "self");
        }
        return revoked;
    }

    /** Writes the uses gathered since the last time, in one go; kept for the next time if the store does not take them. */
    void flush() {
        if (pending.isEmpty()) {
            return;
        }
        Map<String, TokenStore.Use> uses = new HashMap<>(pending);
        try {
            store.used(uses);
            uses.forEach(pending::remove);
        } catch (RuntimeException e) { // the store away (AccessTokens.NotStored), or anything else: not this thread's end
            LOG.fine(() -> "Access tokens: last uses not written now (" + e.getMessage() + "); next time");
        }
    }

    /** The deployment's digests; null while its key can be neither read nor made (asked again every few seconds, logged once). */
    private TokenDigest digest() {
        TokenDigest made = digest;
        if (made != null) {
            return made;
        }
        synchronized (this) {
            if (digest == null && clock.millis() >= keyRetry) {
                try {
                    digest = new TokenDigest(store.key());
                    keyRefusedLogged = false;
                } catch (AccessTokens.NotStored e) {
                    keyRetry = clock.millis() + KEY_RETRY.toMillis();
                    if (!keyRefusedLogged) {
                        keyRefusedLogged = true;
                        LOG.warning("Access tokens: no token can be checked or made now: " + e.getMessage() + " (logged once)");
                    }
                }
            }
            return digest;
        }
    }

    @Override
    public void close() {
        writer.shutdownNow();
        flush();
        store.close();
    }
}
