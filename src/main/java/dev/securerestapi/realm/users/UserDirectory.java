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

    /** How long the users in force may have been out of date; zero when current. */
    Duration staleFor();

    @Override
    void close();
}
