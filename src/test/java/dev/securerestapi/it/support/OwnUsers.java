package dev.securerestapi.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.securerestapi.it.support.TestUsers.User;

/** Users a test adds to a container's realm file for itself alone, with the users command, and removes again. */
public final class OwnUsers {

    /** How long a realm file edit may take to be read (UsersCommandIT's bound). */
    private static final Duration RELOAD = Duration.ofSeconds(10);

    private OwnUsers() {}

    /**
     * A new user named {@code prefix} and a random suffix, with a random password and {@code roles}
     * (comma-separated), logging in on {@code container} before this returns.
     */
    public static User added(Container container, String prefix, String roles) {
        User user = new User(prefix + UUID.randomUUID().toString().substring(0, 8), "first-" + UUID.randomUUID(), List.of(roles.split(",")));
        UsersJar.Result added = UsersJar.run(container.realmFile(), user.password() + "\n", "add", user.name(), "--roles", roles);
        assertEquals(0, added.exitCode(), added::toString);
        Http http = new Http(container);
        String path = roles.equals("monitor") ? "metrics" : "api/v1/me";
        Await.within(RELOAD, () -> http.get(path, user).statusCode() == 200, () -> user.name() + " cannot log in");
        return user;
    }

    public static void removed(Container container, User user) {
        UsersJar.run(container.realmFile(), null, "remove", user.name());
    }
}
