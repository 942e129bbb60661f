package dev.securerestapi.realm.users;

import java.time.Duration;

/**
 * Where the login core finds its users: a realm file ({@link RealmFileUsers}) or the database every
 * instance shares ({@code dev.securerestapi.realm.db.SharedUsers}). Each keeps the last users it
 * read good: an edit it cannot read, or a database that does not answer, leaves them in force,
 * and the log says so until that ends.
 */
public interface UserDirectory extends AutoCloseable {

    /** The users in force now. */
    Users users();

    /**
     * Stores {@code to} as {@code user}'s hash in place of {@code from}, a weaker hash of the same
     * password ({@code what} says which, for the log), unless the entry changed meanwhile. In the
     * background: the login that asked goes on at once, and a store that cannot be written stays as
     * it is (the log says so, once).
     */
    void upgrade(String user, String from, String to, String what);

    /**
     * Stores {@code to} as {@code user}'s hash in place of {@code from} now (a password change),
     * with the same care as the users command: false, and nothing written, when the entry no
     * longer holds {@code from}.
     *
     * @throws NotStored where the store cannot take it
     */
    boolean change(String user, String from, String to) throws NotStored;

    /** A change the store did not take: {@code temporary} when it may take it later (a database away), else never (a read-only file). */
    final class NotStored extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean temporary;

        public NotStored(String why, boolean temporary) {
            super(why);
            this.temporary = temporary;
        }

        public boolean temporary() {
            return temporary;
        }
    }

    /** How long the users in force may have been out of date; zero when current. */
    Duration staleFor();

    @Override
    void close();
}
