package dev.securerestapi.realm.cli;

import java.util.List;
import java.util.Optional;

import dev.securerestapi.realm.RealmEntry;
import dev.securerestapi.realm.tokens.StoredToken;

/** Where the command finds and changes users: a realm file ({@link FileUsers}) or the shared database ({@link DatabaseUsers}). */
interface Users extends AutoCloseable {

    /** For messages: the file, or the database (never its password). */
    String where();

    /** The users, in their stored order. */
    List<RealmEntry> entries() throws Failure;

    default Optional<RealmEntry> entry(String name) throws Failure {
        return entries().stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /** Whether an add here creates the store (a new file), for the message that follows. */
    default boolean creates() {
        return false;
    }

    void add(String user, String hash, List<String> roles) throws Failure;

    /** Adds every one of {@code entries} in one change: all of them, or none. */
    void addAll(List<RealmEntry> entries) throws Failure;

    void passwd(String user, String hash) throws Failure;

    void roles(String user, List<String> roles) throws Failure;

    /** Removes {@code user} and their access tokens. */
    void remove(String user) throws Failure;

    /** {@code user}'s access tokens, newest first. */
    List<StoredToken> tokens(String user) throws Failure;

    /** Revokes {@code user}'s access token {@code id}; false when there is none. */
    boolean revokeToken(String user, String id) throws Failure;

    @Override
    void close() throws Failure;
}
