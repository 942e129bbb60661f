package dev.securerestapi.realm.users;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

import dev.securerestapi.realm.RealmEntry;
import dev.securerestapi.realm.hash.PasswordHash;
import dev.securerestapi.settings.Settings;

/**
 * The users a directory serves at one moment: every entry someone can log in with, by exact name,
 * and what a login for any other name is checked against (as slow as the slowest entry, so a
 * failure costs the same whether the name exists or not: {@link PasswordHash#unknownUser}).
 */
public record Users(Map<String, User> byName, PasswordHash unknownUser) {

    private static final Logger LOG = Logger.getLogger(Users.class.getName());

    public static final Users NONE = new Users(Map.of(), PasswordHash.unknownUser(List.of(), Settings.Argon2.DEFAULTS));

    public Users {
        byName = Map.copyOf(byName);
    }

    /**
     * The usable ones of {@code entries} ({@link RealmEntry#refusal}: an RFC 8265 name and a
     * policy-strength hash); each other one is logged, naming the user and {@code source}, never the entry.
     */
    public static Users of(List<RealmEntry> entries, String source) {
        Map<String, User> usable = new HashMap<>();
        for (RealmEntry entry : entries) {
            entry.refusal().ifPresentOrElse(why -> LOG.warning(why + " (" + source + ")"),
                    () -> usable.put(entry.name(), new User(entry.name(), PasswordHash.parse(entry.stored()).orElseThrow(), entry.roles())));
        }
        return new Users(usable, PasswordHash.unknownUser(usable.values().stream().map(User::hash).toList(), Settings.Argon2.DEFAULTS));
    }

    public int size() {
        return byName.size();
    }
}
