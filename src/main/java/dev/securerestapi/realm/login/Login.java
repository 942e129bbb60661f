package dev.securerestapi.realm.login;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.securerestapi.realm.db.ContainerDataSource;
import dev.securerestapi.realm.db.SharedUsers;
import dev.securerestapi.realm.metrics.Logins;
import dev.securerestapi.realm.users.RealmFileUsers;
import dev.securerestapi.realm.users.User;
import dev.securerestapi.realm.users.UserDirectory;
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
 *     against one as slow as the slowest entry, so a failure costs the same either way.</li>
 * </ol>
 * The throttle writes the audit lines and counters of each outcome, once. Which roles may call
 * what stays web.xml's; the container's adapter only hands the outcome over.
 */
public final class Login implements AutoCloseable {

    /** What the adapter does with a request. */
    public sealed interface Outcome permits Authenticated, Challenge, TooMany, Unavailable {}

    /** The caller is {@code name}, in {@code roles}. */
    public record Authenticated(String name, List<String> roles) implements Outcome {}

    /** No credentials, or wrong ones: 401 with {@link #CHALLENGE}. */
    public record Challenge() implements Outcome {}

    /** Locked: 429 with {@code Retry-After}. No password was checked. */
    public record TooMany(long retryAfterSeconds) implements Outcome {}

    /** The shared database has been away too long to count this login: 503 with {@code Retry-After}. */
    public record Unavailable(long retryAfterSeconds) implements Outcome {}

    /** The {@code WWW-Authenticate} value of a 401 (RFC 7617: credentials are read as UTF-8). */
    public static final String CHALLENGE = "Basic realm=\"" + Settings.REALM_NAME + "\", charset=\"UTF-8\"";

    private static final Challenge AGAIN = new Challenge();

    private final UserDirectory directory;
    private final LoginThrottle throttle;
    private final ClientAddress clients;

    public Login(UserDirectory directory, LoginThrottle throttle, ClientAddress clients) {
        this.directory = directory;
        this.throttle = throttle;
        this.clients = clients;
    }

    /**
     * The login the settings describe: users from {@code realmFile} (read at once; {@code failAtStart}:
     * a file that cannot be read stops start-up instead of leaving nobody able to log in), or with
     * {@code secure-rest-api.users.store=database} from the container's DataSource, where the
     * throttle's counts are kept too.
     */
    public static Login configured(Path realmFile, boolean failAtStart) {
        Settings settings = Settings.current();
        ClientAddress clients = ClientAddress.trusting(settings.trustedProxies(), settings.forwardedHeader());
        if (settings.usersStore() == Settings.UsersStore.DATABASE) {
            ContainerDataSource database = new ContainerDataSource();
            return new Login(new SharedUsers(database, Duration.ofSeconds(1), settings.staleRealmWarning()),
                    new LoginThrottle(settings.lockout(), Clock.systemUTC(), database), clients);
        }
        return new Login(new RealmFileUsers(realmFile, failAtStart, settings.staleRealmWarning(), Clock.systemUTC()),
                new LoginThrottle(settings.lockout(), Clock.systemUTC()), clients);
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
        String name = credentials.get().user();
        String password = credentials.get().password();
        Users users = directory.users();
        User user = users.byName().get(name);
        LoginThrottle.Admission admission = throttle.admit(VerifiedCredentials.key(name, password, user == null ? "" : user.stored()), address);
        if (admission instanceof LoginThrottle.Refused refused) {
            return refusal(refused);
        }
        LoginThrottle.Attempt attempt = (LoginThrottle.Attempt) admission;
        if (user == null) {
            users.unknownUser().matches(password); // as slow as a wrong password for the slowest entry
            attempt.failed(true);
            return AGAIN;
        }
        if (attempt.verified()) {
            Logins.INSTANCE.cacheHit();
        } else {
            Logins.INSTANCE.cacheMiss();
            if (!user.hash().matches(password)) {
                attempt.failed(false);
                return AGAIN;
            }
        }
        if (!attempt.succeeded()) {
            return refusal(attempt.refusal());
        }
        return new Authenticated(user.name(), user.roles());
    }

    @Override
    public void close() {
        directory.close();
    }

    private static Outcome refusal(LoginThrottle.Refused refused) {
        return refused.unavailable() ? new Unavailable(refused.retryAfterSeconds()) : new TooMany(refused.retryAfterSeconds());
    }
}
