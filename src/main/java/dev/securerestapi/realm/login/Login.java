package dev.securerestapi.realm.login;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

import dev.securerestapi.credentials.AccessTokens;
import dev.securerestapi.credentials.Credentials;
import dev.securerestapi.credentials.PasswordChanges;
import dev.securerestapi.realm.audit.Audit;
import dev.securerestapi.realm.db.ContainerDataSource;
import dev.securerestapi.realm.db.DatabaseTokens;
import dev.securerestapi.realm.db.SharedUsers;
import dev.securerestapi.realm.hash.HashSlots;
import dev.securerestapi.realm.hash.PasswordHash;
import dev.securerestapi.realm.hash.Temporary;
import dev.securerestapi.realm.metrics.Logins;
import dev.securerestapi.realm.tokens.FileTokens;
import dev.securerestapi.realm.tokens.StoredToken;
import dev.securerestapi.realm.tokens.TokenDigest;
import dev.securerestapi.realm.tokens.Tokens;
import dev.securerestapi.realm.users.RealmFileUsers;
import dev.securerestapi.realm.users.User;
import dev.securerestapi.realm.users.UserDirectory;
import dev.securerestapi.realm.users.PasswordPolicy;
import dev.securerestapi.realm.users.Users;
import dev.securerestapi.settings.Settings;

/**
 * Where a BASIC login is decided, for either container: given the request's {@code Authorization}
 * header, its peer address and the values of the forwarded header its trusted proxy writes, one
 * {@link Outcome}. In order:
 * <ol>
 * <li>{@link BasicCredentials} reads the header (UTF-8, ISO-8859-1 where it is not UTF-8, NFC,
 *     strict); an unreadable one counts against the client's address ({@link ClientAddress}).</li>
 * <li>The {@link UserDirectory} (a realm file of either format, or the shared database) gives the
 *     user, or what an unknown name is checked against.</li>
 * <li>{@link LoginThrottle} counts the attempt before its password is checked, or refuses it; a
 *     login it verified lately with the same password against the same stored hash needs no check
 *     (the one verified-login cache, {@link VerifiedCredentials}).</li>
 * <li>Otherwise the password is hashed: against the user's hash, or, for a name that is no user's,
 *     against one as slow as the slowest entry, so a failure costs the same either way. When no
 *     hash can start soon ({@link HashSlots}), the login is not counted and gets 503.</li>
 * <li>A right password whose stored hash is not what a new one would be (PBKDF2, or Argon2id
 *     with weaker parameters) is hashed again with the default and handed to the directory, which
 *     stores it in the background ({@link UserDirectory#upgrade}).</li>
 * </ol>
 * A password that is an access token ({@link TokenDigest#PREFIX}) takes the same steps with the
 * token in place of the hash: found by its digest in memory ({@link Tokens}), it logs its owner in
 * with the roles of its scope, and no hash runs. A login with a password also holds role
 * {@value Settings#PASSWORD_ROLE}, which no token login does (web.xml opens the password and token
 * endpoints to it alone).
 * The throttle writes the audit lines and counters of each outcome, once. Which roles may call
 * what stays web.xml's; the container's adapter only hands the outcome over.
 */
public final class Login implements AutoCloseable, Credentials {

    /** What the adapter does with a request. */
    public sealed interface Outcome permits Authenticated, Challenge, TooMany, Unavailable {}

    /** The caller is {@code name}, in {@code roles}. */
    public record Authenticated(String name, List<String> roles) implements Outcome {
        /**
         * How the caller logged in, as its roles say: null with a password, else
         * {@value Settings#TEMPORARY_ROLE} or {@value Settings#TOKEN_CREDENTIAL} (for the adapter's
         * {@link Settings#CREDENTIAL_ATTRIBUTE}).
         */
        public String otherCredential() {
            if (roles.contains(Settings.PASSWORD_ROLE)) {
                return null;
            }
            return roles.equals(List.of(Settings.TEMPORARY_ROLE)) ? Settings.TEMPORARY_ROLE : Settings.TOKEN_CREDENTIAL;
        }
    }

    /** No credentials, or wrong ones: 401 with {@link #CHALLENGE}. */
    public record Challenge() implements Outcome {}

    /** Locked: 429 with {@code Retry-After}. No password was checked. */
    public record TooMany(long retryAfterSeconds) implements Outcome {}

    /** The shared database has been away too long to count this login, or no hash could start soon: 503 with {@code Retry-After}. */
    public record Unavailable(long retryAfterSeconds) implements Outcome {}

    /** The {@code WWW-Authenticate} value of a 401 (RFC 7617: credentials are read as UTF-8). */
    public static final String CHALLENGE = "Basic realm=\"" + Settings.REALM_NAME + "\", charset=\"UTF-8\"";

    private static final Challenge AGAIN = new Challenge();

    private final UserDirectory directory;
    private final LoginThrottle throttle;
    private final ClientAddress clients;
    /** What every new hash is made with; a stored one weaker than this is upgraded at its user's next login. */
    private final Settings.Argon2 hashes;
    /** What a new password must pass. */
    private final PasswordPolicy policy;
    private final Tokens tokens;
    /** The stored hashes an upgrade was handed over for: each once, however many logins run beside it. */
    private final Set<String> upgrading = ConcurrentHashMap.newKeySet();
    /** The password checks running now, by login: a second request for the same login waits for the first's answer. */
    private final Map<VerifiedCredentials.Key, CompletableFuture<Boolean>> checking = new ConcurrentHashMap<>();

    public Login(UserDirectory directory, LoginThrottle throttle, ClientAddress clients, Settings.Argon2 hashes, PasswordPolicy policy,
            Tokens tokens) {
        if (!HashSlots.fits(hashes.memoryKib())) {
            throw new IllegalStateException("Invalid setting " + Settings.PREFIX + "argon2=" + hashes + ": a hash would hold more than the "
                    + HashSlots.BUDGET_KIB + " KiB password checks may use (a quarter of the heap); give the JVM more heap or Argon2id less memory");
        }
        this.directory = directory;
        this.throttle = throttle;
        this.clients = clients;
        this.hashes = hashes;
        this.policy = policy;
        this.tokens = tokens;
    }

    /**
     * The login the settings describe: users from {@code realmFile} (read at once; {@code failAtStart}:
     * a file that cannot be read stops start-up instead of leaving nobody able to log in), or with
     * {@code secure-rest-api.users.store=database} from the container's DataSource, where the
     * throttle's counts are kept too.
     */
    public static Login configured(Path realmFile, boolean failAtStart) {
        Settings settings = Settings.current();
        PasswordHash.warmUp();
        ClientAddress clients = ClientAddress.trusting(settings.trustedProxies(), settings.forwardedHeader());
        if (settings.usersStore() == Settings.UsersStore.DATABASE) {
            ContainerDataSource database = new ContainerDataSource();
            DatabaseTokens tokens = new DatabaseTokens(database);
            return new Login(new SharedUsers(database, Duration.ofSeconds(1), settings.staleRealmWarning(), tokens),
                    new LoginThrottle(settings.lockout(), Clock.systemUTC(), database), clients, settings.argon2(),
                    new PasswordPolicy(settings.passwordMinLength()), new Tokens(tokens, Clock.systemUTC()));
        }
        return new Login(new RealmFileUsers(realmFile, failAtStart, settings.staleRealmWarning(), Clock.systemUTC()),
                new LoginThrottle(settings.lockout(), Clock.systemUTC()), clients, settings.argon2(),
                new PasswordPolicy(settings.passwordMinLength()), new Tokens(new FileTokens(realmFile), Clock.systemUTC()));
    }

    /** The forwarded header whose values {@link #login} takes: the one the trusted proxy writes. */
    public String forwardedHeader() {
        return clients.header();
    }

    /**
     * @param authorization the request's {@code Authorization} header, or null
     * @param peer the address the connection comes from
     * @param forwarded the values of {@link #forwardedHeader}, in order (read only when the peer is a trusted proxy)
     */
    public Outcome login(String authorization, String peer, List<String> forwarded) {
        if (authorization == null) {
            return AGAIN;
        }
        String address = clients.of(peer, forwarded);
        Optional<BasicCredentials> credentials = BasicCredentials.parse(authorization);
        if (credentials.isEmpty()) {
            LoginThrottle.Refused refused = throttle.malformed(address);
            return refused == null ? AGAIN : refusal(refused);
        }
        if (TokenDigest.isToken(credentials.get().password())) {
            return byToken(credentials.get().user(), credentials.get().password(), address);
        }
        Outcome outcome = decide(credentials.get().user(), credentials.get().password(), address, true);
        if (outcome instanceof Authenticated) {
            Logins.INSTANCE.byPassword();
        }
        return outcome;
    }

    /**
     * A login whose password is an access token: the token must be the user's, unexpired, and in
     * the store as this instance read it last (a revocation anywhere is seen within seconds). A
     * failure counts in the throttle like a wrong password; a login with the same token lately
     * takes no place, as a verified password does, but is looked up again every time.
     */
    private Outcome byToken(String name, String secret, String address) {
        Optional<StoredToken> token = tokens.find(name, secret); // first, and always: as costly for an unknown name
        User user = directory.users().byName().get(name);
        VerifiedCredentials.Key key = VerifiedCredentials.key(name, secret, token.isEmpty() || user == null ? "" : "token:" + token.get().id());
        LoginThrottle.Admission admission = throttle.admit(key, address);
        if (admission instanceof LoginThrottle.Refused refused) {
            return refusal(refused);
        }
        LoginThrottle.Attempt attempt = (LoginThrottle.Attempt) admission;
        if (token.isEmpty() || user == null) {
            attempt.failed(user == null ? LoginThrottle.Failure.UNKNOWN_NAME : LoginThrottle.Failure.WRONG_TOKEN);
            return AGAIN;
        }
        if (!attempt.succeeded()) {
            return refusal(attempt.refusal());
        }
        tokens.used(token.get(), address);
        Logins.INSTANCE.byToken();
        return new Authenticated(name, Tokens.roles(token.get(), user.roles()));
    }

    /**
     * Steps 2 to 5 for a name and password read from a request of the client {@code address};
     * step 5 (the upgrade of a weak hash) only where {@code upgrades}.
     */
    private Outcome decide(String name, String password, String address, boolean upgrades) {
        Users users = directory.users();
        User user = users.byName().get(name);
        VerifiedCredentials.Key key = VerifiedCredentials.key(name, password, user == null ? "" : user.stored());
        LoginThrottle.Admission admission = throttle.admit(key, address);
        if (admission instanceof LoginThrottle.Refused refused) {
            return refusal(refused);
        }
        LoginThrottle.Attempt attempt = (LoginThrottle.Attempt) admission;
        try {
            if (user == null) {
                users.unknownUser().matches(password); // as slow as a wrong password for the slowest entry
                attempt.failed(LoginThrottle.Failure.UNKNOWN_NAME);
                return AGAIN;
            }
            if (attempt.verified()) {
                Logins.INSTANCE.cacheHit();
            } else {
                Logins.INSTANCE.cacheMiss();
                if (!checkedOnce(key, () -> user.hash().matches(password))) {
                    attempt.failed();
                    return AGAIN;
                }
            }
            if (user.hash() instanceof Temporary temporary && temporary.expiredAt(java.time.Instant.now())) {
                // the right temporary password, too late: a failed login like any other (the operator resets again)
                attempt.failed(LoginThrottle.Failure.EXPIRED_TEMPORARY_PASSWORD);
                return AGAIN;
            }
        } catch (HashSlots.Busy busy) {
            attempt.notChecked(busy.getMessage());
            return new Unavailable(1);
        }
        if (!attempt.succeeded()) {
            return refusal(attempt.refusal());
        }
        if (user.hash() instanceof Temporary) {
            return new Authenticated(user.name(), List.of(Settings.TEMPORARY_ROLE)); // web.xml: only to change it
        }
        if (upgrades && !attempt.verified() && !user.hash().isCurrent(hashes) && upgrading.add(user.stored())) {
            upgrade(user, password);
        }
        return new Authenticated(user.name(), user.passwordLoginRoles());
    }

    /**
     * A password change of a user the container authenticated: {@code current} is decided as a
     * login from the request's client (so a wrong one counts, and the one the request just logged
     * in with costs no hash), the replacement must pass the {@link PasswordPolicy} and differ from
     * it, and the directory stores its default hash now. Every instance then refuses the old
     * password once it reads the users again (within a second or two), its verified logins
     * included, since they hold the stored hash they were verified against.
     */
    @Override
    public PasswordChanges.Result change(String name, String current, String replacement, String peer, List<String> forwarded) {
        String address = clients.of(peer, forwarded);
        if (TokenDigest.isToken(current)) {
            return new PasswordChanges.WrongCurrent(); // a token is never a password (web.xml keeps token logins away, too)
        }
        Outcome checked = decide(name, current, address, false); // no upgrade: the change replaces the hash itself
        if (checked instanceof TooMany refused) {
            return new PasswordChanges.TooMany(refused.retryAfterSeconds());
        }
        if (checked instanceof Unavailable refused) {
            return new PasswordChanges.Unavailable(refused.retryAfterSeconds());
        }
        if (!(checked instanceof Authenticated)) {
            return new PasswordChanges.WrongCurrent();
        }
        Optional<PasswordPolicy.Refusal> refusal = policy.refusal(name, replacement);
        if (refusal.isPresent()) {
            return new PasswordChanges.Refused(refusal.get().rule().name().toLowerCase(java.util.Locale.ROOT), refusal.get().message());
        }
        if (java.text.Normalizer.normalize(replacement, java.text.Normalizer.Form.NFC)
                .equals(java.text.Normalizer.normalize(current, java.text.Normalizer.Form.NFC))) {
            return new PasswordChanges.Refused("unchanged", "the password is refused: it is the current one");
        }
        User user = directory.users().byName().get(name);
        try {
            String hash = PasswordHash.of(replacement, hashes).stored();
            if (user == null || !directory.change(name, user.stored(), hash)) {
                return new PasswordChanges.NotStored("the user was changed meanwhile (by an operator): log in again");
            }
        } catch (HashSlots.Busy busy) {
            return new PasswordChanges.Unavailable(1);
        } catch (UserDirectory.NotStored e) {
            return e.temporary() ? new PasswordChanges.Unavailable(5) : new PasswordChanges.NotStored(e.getMessage());
        }
        Audit.passwordChanged(name, address);
        return new PasswordChanges.Changed();
    }

    @Override
    public AccessTokens.Made make(String user, String name, String scope, int days, String peer, List<String> forwarded) {
        User owner = directory.users().byName().get(user);
        if (owner == null) {
            throw new AccessTokens.NotStored("the user was removed meanwhile", false);
        }
        return tokens.make(user, owner.roles(), name, scope, days, clients.of(peer, forwarded));
    }

    @Override
    public List<AccessTokens.Token> list(String user) {
        return tokens.list(user);
    }

    @Override
    public Optional<AccessTokens.Token> find(String user, String id) {
        return tokens.list(user).stream().filter(token -> token.id().equals(id)).findFirst();
    }

    @Override
    public boolean revoke(String user, String id, String peer, List<String> forwarded) {
        return tokens.revoke(user, id, clients.of(peer, forwarded));
    }

    /**
     * The check of {@code key}'s password against its stored hash, run once however many requests
     * bring the same login at the same moment (a client's parallel first requests): the others wait
     * for its answer instead of each holding a hash slot and, for Argon2id, its memory. Each still
     * holds its own place in the throttle and reports its own outcome.
     */
    private boolean checkedOnce(VerifiedCredentials.Key key, java.util.function.BooleanSupplier check) {
        CompletableFuture<Boolean> mine = new CompletableFuture<>();
        CompletableFuture<Boolean> running = checking.putIfAbsent(key, mine);
        if (running != null) {
            try {
                return running.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
        try {
            boolean right = check.getAsBoolean();
            mine.complete(right);
            return right;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            checking.remove(key, mine);
        }
    }

    /** Hashes a right password again with the default, for the directory to store in place of {@code user}'s weaker hash. */
    private void upgrade(User user, String password) {
        try {
            PasswordHash upgraded = PasswordHash.of(password, hashes);
            directory.upgrade(user.name(), user.stored(), upgraded.stored(), user.hash().scheme() + " to " + upgraded);
        } catch (HashSlots.Busy busy) {
            upgrading.remove(user.stored()); // at a later login, then
        }
    }

    @Override
    public void close() {
        tokens.close();
        directory.close();
    }

    private static Outcome refusal(LoginThrottle.Refused refused) {
        return refused.unavailable() ? new Unavailable(refused.retryAfterSeconds()) : new TooMany(refused.retryAfterSeconds());
    }
}
