package dev.securerestapi.realm.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.securerestapi.realm.hash.Pbkdf2;
import dev.securerestapi.realm.RealmEntry;
import dev.securerestapi.realm.tokens.StoredToken;
import dev.securerestapi.realm.users.User;
import dev.securerestapi.CountingDatabase;
import org.junit.jupiter.api.Test;

class SharedUsersTest {

    private final CountingDatabase database = new CountingDatabase();
    private SharedUsers users;
    private static final String HASH_1 = Pbkdf2.of("pass-1").stored();
    private static final String HASH_2 = Pbkdf2.of("pass-2").stored();

    private Map<String, String> roles() {
        return users.users().byName().values().stream().collect(Collectors.toMap(User::name, e -> String.join(",", e.roles())));
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "not within 5 s");
            Thread.sleep(20);
        }
    }

    @Test
    void everyChangeMovesTheVersionAndReachesTheCopyWithinAPoll() throws Exception {
        try (SharedUsers shared = users = new SharedUsers(() -> database, Duration.ofMillis(100), Duration.ofMinutes(1));
                Connection c = database.getConnection()) {
            assertEquals(Map.of(), roles());
            UserTable.add(c, "grace", HASH_1, List.of("admin", "user"));
            await(() -> roles().equals(Map.of("grace", "admin,user")));
            UserTable.roles(c, "grace", List.of("user"));
            await(() -> roles().equals(Map.of("grace", "user")));
            UserTable.passwd(c, "grace", HASH_2);
            await(() -> users.users().byName().get("grace").stored().equals(HASH_2));
            UserTable.remove(c, "grace");
            await(() -> roles().isEmpty());
            assertEquals(4, UserTable.version(c));
        }
    }

    @Test
    void tokensAreReadWithTheUsersSoATokenMadeOrRevokedOnOneInstanceIsInForceOnAnotherWithinAPoll() throws Exception {
        DatabaseTokens here = new DatabaseTokens(() -> database);
        DatabaseTokens there = new DatabaseTokens(() -> database);
        try (SharedUsers first = new SharedUsers(() -> database, Duration.ofMillis(100), Duration.ofMinutes(1), here);
                SharedUsers second = users = new SharedUsers(() -> database, Duration.ofMillis(100), Duration.ofMinutes(1), there);
                Connection c = database.getConnection()) {
            UserTable.add(c, "grace", HASH_1, List.of("user"));
            await(() -> roles().equals(Map.of("grace", "user")));
            java.time.Instant now = java.time.Instant.now();
            StoredToken token = new StoredToken("t1", "grace", "digest-1", "ci", StoredToken.READ, now, now.plusSeconds(3600), null, null);
            assertNull(here.add(token, 50));
            assertTrue(here.byDigest().containsKey("digest-1"), "in force at once where it was made");
            await(() -> there.byDigest().containsKey("digest-1"));
            assertTrue(there.revoke("grace", "t1"));
            assertTrue(there.byDigest().isEmpty(), "revoked at once where it was revoked");
            await(() -> here.byDigest().isEmpty());
        }
    }

    @Test
    void editsOfAUserThatIsNotThereChangeNothing() throws Exception {
        try (Connection c = database.getConnection()) {
            UserTable.add(c, "roy", HASH_1, List.of("user"));
            assertThrows(UserTable.Refused.class, () -> UserTable.add(c, "roy", HASH_2, List.of("admin")));
            assertThrows(UserTable.Refused.class, () -> UserTable.passwd(c, "nobody", HASH_2));
            assertThrows(UserTable.Refused.class, () -> UserTable.roles(c, "nobody", List.of("user")));
            assertThrows(UserTable.Refused.class, () -> UserTable.remove(c, "nobody"));
            UserTable.Snapshot snapshot = UserTable.read(c);
            assertEquals(1, snapshot.version(), "refused edits leave the version alone");
            assertEquals(List.of("roy"), snapshot.entries().stream().map(RealmEntry::name).toList());
            assertEquals(HASH_1, snapshot.entries().get(0).stored());
            assertEquals(List.of("user"), snapshot.entries().get(0).roles());
        }
    }

    @Test
    void whileTheDatabaseIsAwayTheUsersReadLastStay() throws Exception {
        try (Connection c = database.getConnection()) {
            UserTable.add(c, "roy", HASH_1, List.of("user"));
        }
        try (SharedUsers shared = users = new SharedUsers(() -> database, Duration.ofMillis(100), Duration.ofMinutes(1))) {
            await(() -> roles().equals(Map.of("roy", "user")));
            database.down(true);
            await(() -> !users.staleFor().isZero());
            Thread.sleep(300);
            assertEquals(Map.of("roy", "user"), roles());
            database.down(false);
            await(() -> users.staleFor().isZero());
        }
    }

    @Test
    void entriesNobodyCanLogInWithAreNotHandedToTheRealm() throws Exception {
        try (Connection c = database.getConnection()) {
            UserTable.add(c, "roy", HASH_1, List.of("user"));
            UserTable.add(c, "weak", "plain-text-password", List.of("user"));
            UserTable.add(c, "Mallory", HASH_2, List.of("user"));
        }
        try (SharedUsers shared = users = new SharedUsers(() -> database, Duration.ofMillis(100), Duration.ofMinutes(1))) {
            await(() -> users.users().size() > 0);
            assertEquals(java.util.Set.of("roy"), users.users().byName().keySet(),
                    "a weak hash and a name not in its RFC 8265 form let nobody in");
            assertEquals(users.users().byName().get("roy").hash().cost(), users.users().unknownUser().cost(), "an unknown name costs what roy costs");
        }
    }
}
