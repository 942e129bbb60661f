package dev.securerestapi.realm.users;

import java.util.List;
import java.util.stream.Stream;

import dev.securerestapi.realm.hash.PasswordHash;
import dev.securerestapi.settings.Settings;

/** A user someone can log in as: the name, the password's hash, the roles. Never printed with the hash. */
public final class User {

    private final String name;
    private final PasswordHash hash;
    private final List<String> roles;
    /** The roles a login with the password holds: the user's and {@value Settings#PASSWORD_ROLE}, made once, not per request. */
    private final List<String> passwordLoginRoles;

    public User(String name, PasswordHash hash, List<String> roles) {
        this.name = name;
        this.hash = hash;
        this.roles = List.copyOf(roles);
        this.passwordLoginRoles = Stream.concat(this.roles.stream(), Stream.of(Settings.PASSWORD_ROLE)).toList();
    }

    public String name() {
        return name;
    }

    public PasswordHash hash() {
        return hash;
    }

    public List<String> roles() {
        return roles;
    }

    public List<String> passwordLoginRoles() {
        return passwordLoginRoles;
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
