package dev.securerestapi.tomcat;

import java.util.Collections;
import java.util.Iterator;

import org.apache.catalina.Group;
import org.apache.catalina.Role;
import org.apache.catalina.UserDatabase;
import org.apache.catalina.users.AbstractUser;

/**
 * What {@link KeepLastGoodUserDatabase} answers for a name it holds no usable entry for: a user
 * with no roles whose password is a hash no password matches, as slow as the slowest real entry.
 * Tomcat then runs the same PBKDF2 for an unknown name as for a wrong password (its own answer
 * to an unknown name costs only the handler's configured iterations), and the login fails.
 */
final class NoSuchUser extends AbstractUser {

    private final UserDatabase database;

    NoSuchUser(UserDatabase database, String name, String unmatchable) {
        this.database = database;
        this.username = name;
        this.password = unmatchable;
    }

    @Override
    public Iterator<Group> getGroups() {
        return Collections.emptyIterator();
    }

    @Override
    public Iterator<Role> getRoles() {
        return Collections.emptyIterator();
    }

    @Override
    public UserDatabase getUserDatabase() {
        return database;
    }

    @Override
    public void addGroup(Group group) {
        throw new UnsupportedOperationException("no such user");
    }

    @Override
    public void addRole(Role role) {
        throw new UnsupportedOperationException("no such user");
    }

    @Override
    public boolean isInGroup(Group group) {
        return false;
    }

    @Override
    public boolean isInRole(Role role) {
        return false;
    }

    @Override
    public void removeGroup(Group group) {}

    @Override
    public void removeGroups() {}

    @Override
    public void removeRole(Role role) {}

    @Override
    public void removeRoles() {}

    @Override
    public String toString() {
        return "NoSuchUser[" + username + "]"; // never the hash
    }
}
