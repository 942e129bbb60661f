package dev.securerestapi.realm;

import java.util.List;
import java.util.Optional;

import dev.securerestapi.realm.audit.Audit;
import dev.securerestapi.realm.hash.PasswordHash;

/**
 * One user of a realm file as the container reads it: the name, the stored credential (for the
 * realms here, an Argon2id or PBKDF2 hash) and the roles. {@code line} is where the entry starts, for messages.
 */
public record RealmEntry(String name, String stored, List<String> roles, int line) {

    public RealmEntry {
        roles = List.copyOf(roles);
    }

    /** Why nobody can log in with this entry, as a log line naming the user (never the stored hash); empty when someone can. */
    public Optional<String> refusal() {
        return refusal(name, stored);
    }

    /**
     * One rule for every realm here: the name must be in its RFC 8265 form ({@link UserName}) and
     * the stored credential {@link PasswordHash#REQUIRED}; otherwise the entry lets nobody in.
     */
    public static Optional<String> refusal(String name, String stored) {
        if (!UserName.isEnforced(name)) {
            return Optional.of("Realm secure-rest-api: the user name '" + printable(name) + "' is not " + UserName.REQUIRED
                    + UserName.enforce(name).map(n -> " (that would be '" + n + "')").orElse("") + "; nobody can log in with that entry");
        }
        if (PasswordHash.parse(stored).isEmpty()) {
            return Optional.of("Realm secure-rest-api: the entry for user '" + printable(name) + "' is not " + PasswordHash.REQUIRED
                    + "; that user cannot log in");
        }
        return Optional.empty();
    }

    /** A name as it may appear quoted in a log line: {@link Audit#shown}, with its quotes escaped. */
    public static String printable(String name) {
        return Audit.shown(name).replace("'", "\\'");
    }

    /** The same user, password hash and roles, wherever it stands in the file. */
    public boolean sameAs(RealmEntry other) {
        return name.equals(other.name) && stored.equals(other.stored) && roles.equals(other.roles);
    }

    @Override
    public String toString() {
        return "RealmEntry[" + name + ", roles=" + roles + ", line " + line + "]"; // never the stored hash
    }
}
