package dev.securerestapi.realm.users;

import java.util.List;

import dev.securerestapi.realm.hash.PasswordHash;

/** A user someone can log in as: the name, the password's hash, the roles. Never printed with the hash. */
public record User(String name, PasswordHash hash, List<String> roles) {

    public User {
        roles = List.copyOf(roles);
    }

    /** The stored form of the hash: what a verified login is remembered against, so it dies when the hash changes. */
    public String stored() {
        return hash.stored();
    }

    @Override
    public String toString() {
        return "User[" + name + ", roles=" + roles + "]";
    }
}
