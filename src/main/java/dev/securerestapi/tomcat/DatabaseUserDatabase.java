package dev.securerestapi.tomcat;

import java.time.Duration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import javax.sql.DataSource;

import dev.securerestapi.realm.Pbkdf2;
import dev.securerestapi.realm.RealmEntry;
import dev.securerestapi.realm.db.SharedUsers;
import dev.securerestapi.settings.Settings;
import org.apache.catalina.Role;
import org.apache.catalina.User;
import org.apache.catalina.users.MemoryUserDatabase;

/**
 * Tomcat's users database over the database every instance shares
 * ({@code secure-rest-api.users.store=database}), for the same UserDatabaseRealm, credential
 * handler and add-on as the users file. Tomcat's own DataSourceRealm and DataSourceUserDatabase
 * query the database for every request; here {@link SharedUsers} keeps this instance's copy in
 * memory and reads it again within a second of any change, so the hot path asks no database and
 * a change made anywhere is in force here within seconds. The rules of the users file hold:
 * entries nobody may log in with (a weak hash, a name not in its RFC 8265 form) are answered like
 * unknown names, and an unknown name costs the PBKDF2 of the slowest entry ({@link NoSuchUser}).
 */
public class DatabaseUserDatabase extends MemoryUserDatabase {

    private final Supplier<DataSource> database;
    private volatile Pbkdf2 unknownUser = Pbkdf2.unknownUser(List.of());
    private SharedUsers shared;

    public DatabaseUserDatabase(String id, Supplier<DataSource> database) {
        super(id);
        this.database = database;
        setReadonly(true); // the users command changes the tables, never the container
        setWatchSource(false);
    }

    @Override
    public void open() {
        shared = new SharedUsers(database, Duration.ofSeconds(1), Settings.current().staleRealmWarning(), this::apply);
    }

    @Override
    public void close() {
        if (shared != null) {
            shared.close();
        }
    }

    @Override
    public void backgroundProcess() {
        // SharedUsers polls by itself
    }

    /** Any name without a usable entry is answered with a {@link NoSuchUser}, as slow to refuse as a wrong password. */
    @Override
    public User findUser(String name) {
        if (name == null) {
            return null;
        }
        User user = super.findUser(name);
        return user != null ? user : new NoSuchUser(this, name, unknownUser.stored());
    }

    /** How long the users in force may be out of date (the database did not answer); zero when current. */
    public Duration staleFor() {
        return shared == null ? Duration.ZERO : shared.staleFor();
    }

    /** Brings the users to {@code shared}, one user at a time; a role is added before one is taken away, never the other way. */
    private void apply(SharedUsers.Users shared) {
        Set<String> kept = new HashSet<>();
        for (RealmEntry entry : shared.usable()) {
            kept.add(entry.name());
            User user = super.findUser(entry.name());
            if (user == null) {
                user = createUser(entry.name(), entry.stored(), null);
            } else if (!entry.stored().equals(user.getPassword())) {
                user.setPassword(entry.stored());
            }
            for (String name : entry.roles()) {
                Role role = findRole(name) != null ? findRole(name) : createRole(name, null);
                if (!user.isInRole(role)) {
                    user.addRole(role);
                }
            }
            for (Iterator<Role> roles = user.getRoles(); roles.hasNext();) {
                Role role = roles.next();
                if (!entry.roles().contains(role.getRolename())) {
                    user.removeRole(role);
                }
            }
        }
        for (Iterator<User> users = getUsers(); users.hasNext();) {
            User user = users.next();
            if (!kept.contains(user.getUsername())) {
                removeUser(user);
            }
        }
        unknownUser = shared.unknownUser();
    }
}
