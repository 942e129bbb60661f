package dev.securerestapi.jetty;

import dev.securerestapi.realm.metrics.Logins;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.securerestapi.realm.Pbkdf2;
import dev.securerestapi.realm.RealmEntry;
import dev.securerestapi.realm.db.ContainerDataSource;
import dev.securerestapi.realm.db.SharedUsers;
import dev.securerestapi.realm.login.VerifiedCredentials;
import dev.securerestapi.settings.Settings;
import org.eclipse.jetty.security.UserStore;

/**
 * The realm's users from the database every instance shares ({@code secure-rest-api.users.store=database}),
 * under the same rules as the realm file: PBKDF2 entries only, verified once per login, names in
 * their RFC 8265 form, an unknown name as slow as the slowest entry. Jetty's own
 * DataSourceLoginService would query the database on every request; here {@link SharedUsers}
 * keeps this instance's copy, read again within a second of any change, so a login whose check
 * is remembered costs no query, and a password changed or a user removed on any instance is in
 * force here within seconds (the remembered check dies with the stored hash it was made against).
 */
public class DatabaseUserStore extends UserStore implements StrongUsers {

    private final VerifiedCredentials verified = new VerifiedCredentials(10_000, Duration.ofMinutes(10), Clock.systemUTC());
    {
        Logins.INSTANCE.cacheSize(verified::size);
    }
    private volatile Map<String, RealmEntry> current = Map.of();
    private volatile Pbkdf2 unknownUser = Pbkdf2.unknownUser(List.of());
    private SharedUsers shared;

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        shared = new SharedUsers(new ContainerDataSource(), Duration.ofSeconds(1),
                Settings.current().staleRealmWarning(), this::apply);
    }

    @Override
    protected void doStop() throws Exception {
        if (shared != null) {
            shared.close();
        }
        super.doStop();
    }

    /** How long the users in force may be out of date (the database did not answer); zero when current. */
    public Duration staleFor() {
        return shared == null ? Duration.ZERO : shared.staleFor();
    }

    /** Replaces the users by {@code users}, one user at a time: a login sees each user before or after, never half. */
    private void apply(SharedUsers.Users users) {
        Map<String, RealmEntry> next = new HashMap<>();
        users.usable().forEach(entry -> next.put(entry.name(), entry));
        Map<String, RealmEntry> before = current;
        next.forEach((name, entry) -> {
            RealmEntry old = before.get(name);
            if (old == null || !old.sameAs(entry)) {
                addUser(name, new Pbkdf2Credential(name, Pbkdf2.parse(entry.stored()).orElseThrow(), verified),
                        entry.roles().toArray(String[]::new));
            }
        });
        before.keySet().stream().filter(name -> !next.containsKey(name)).forEach(this::removeUser);
        current = Map.copyOf(next);
        unknownUser = users.unknownUser();
    }

    @Override
    public Pbkdf2 unknownUser() {
        return unknownUser;
    }
}
