package dev.securerestapi.realm.users;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

import dev.securerestapi.realm.Pbkdf2;
import dev.securerestapi.realm.RealmEntry;

/**
 * The users a directory serves at one moment: every entry someone can log in with, by exact name,
 * and what a login for any other name is checked against (as slow as the slowest entry, so a
 * failure costs the same whether the name exists or not: {@link Pbkdf2#unknownUser}).
 */
public record Users(Map<String, User> byName, Pbkdf2 unknownUser) {

    private static final Logger LOG = Logger.getLogger(Users.class.getName());

    public static final Users NONE = new Users(Map.of(), Pbkdf2.unknownUser(List.of()));

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
                    () -> usable.put(entry.name(), new User(entry.name(), Pbkdf2.parse(entry.stored()).orElseThrow(), entry.roles())));
        }
        return new Users(usable, Pbkdf2.unknownUser(usable.values().stream().map(User::stored).toList()));
    }

    public int size() {
        return byName.size();
    }
}
