package dev.securerestapi.realm;

import java.util.List;

/**
 * One user of a realm file as the container reads it: the name, the stored credential (for the
 * realms here, a PBKDF2 hash) and the roles. {@code line} is where the entry starts, for messages.
 */
public record RealmEntry(String name, String stored, List<String> roles, int line) {

    public RealmEntry {
        roles = List.copyOf(roles);
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
