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

    /** How long the users in force may have been out of date; zero when current. */
    Duration staleFor();

    @Override
    void close();
}
