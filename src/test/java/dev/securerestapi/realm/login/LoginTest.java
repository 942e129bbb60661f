package dev.securerestapi.realm.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import dev.securerestapi.ManualClock;
import dev.securerestapi.credentials.AccessTokens;
import dev.securerestapi.credentials.PasswordChanges;
import dev.securerestapi.realm.hash.Argon2id;
import dev.securerestapi.realm.hash.PasswordHash;
import dev.securerestapi.realm.hash.Pbkdf2;
import dev.securerestapi.realm.metrics.Logins;
import dev.securerestapi.realm.users.PasswordPolicy;
import dev.securerestapi.realm.users.User;
import dev.securerestapi.realm.users.UserDirectory;
import dev.securerestapi.realm.users.Users;
import dev.securerestapi.realm.tokens.MemoryTokens;
import dev.securerestapi.realm.tokens.Tokens;
import dev.securerestapi.settings.Settings;
import org.junit.jupiter.api.Test;

/** The login core alone: the rules every container's adapter hands over, without a container. */
class LoginTest {

    private static final Pbkdf2 ROY = Pbkdf2.of("roy-pass");
    private static final PasswordPolicy POLICY = new PasswordPolicy(Settings.PASSWORD_MIN_LENGTH);

    /** A directory whose users the test sets, as an edit of the realm file or the database would. */
    private static final class Directory implements UserDirectory {
        volatile Users users = usersWith(ROY);

        @Override
        public Users users() {
            return users;
        }

        /** What the login handed over for storing: user, from, to. */
        final List<List<String>> upgrades = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void upgrade(String user, String from, String to, String what) {
            upgrades.add(List.of(user, from, to));
        }

        /** Whether change() refuses, as a read-only realm file does. */
        volatile boolean readOnly;

        @Override
        public boolean change(String user, String from, String to) throws NotStored {
            if (readOnly) {
                throw new NotStored("read-only", false);
            }
            User current = users.byName().get(user);
            if (current == null || !current.stored().equals(from)) {
                return false;
            }
            users = usersWith(PasswordHash.parse(to).orElseThrow());
            return true;
        }

        @Override
        public Duration staleFor() {
            return Duration.ZERO;
        }

        @Override
        public void close() {}
    }

    private static Users usersWith(PasswordHash roy) {
        return new Users(Map.of("roy", new User("roy", roy, List.of("user"))), PasswordHash.unknownUser(List.of(roy), Settings.Argon2.DEFAULTS));
    }

    private final Directory directory = new Directory();
    private final ManualClock tokenClock = new ManualClock();
    private final Login login = new Login(directory, new LoginThrottle(Settings.Lockout.DEFAULTS, new ManualClock(), Duration.ofMillis(50)),
            ClientAddress.trusting(List.of(), Settings.ForwardedHeader.X_FORWARDED_FOR), Settings.Argon2.DEFAULTS, POLICY,
            new Tokens(new MemoryTokens(), tokenClock));

    private String token(String name, String scope, int days) {
        return assertInstanceOf(AccessTokens.Created.class, login.make("roy", name, scope, days, "10.9.9.9", List.of())).secret();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private Login.Outcome from(String address, String authorization) {
        return login.login(authorization, address, List.of());
    }

    @Test
    void theRightPasswordIsTheUserWithItsRolesAndIsCheckedOnce() {
        long misses = Logins.INSTANCE.getCacheMisses();
        long hits = Logins.INSTANCE.getCacheHits();
        long passwords = Logins.INSTANCE.getPasswordLogins();
        assertEquals(new Login.Authenticated("roy", List.of("user", Settings.PASSWORD_ROLE)), from("10.0.0.1", basic("roy", "roy-pass")));
        assertEquals(new Login.Authenticated("roy", List.of("user", Settings.PASSWORD_ROLE)), from("10.0.0.1", basic("roy", "roy-pass")));
        assertEquals(passwords + 2, Logins.INSTANCE.getPasswordLogins(), "counted as password logins");
        assertEquals(misses + 1, Logins.INSTANCE.getCacheMisses(), "one slow hash");
        assertEquals(hits + 1, Logins.INSTANCE.getCacheHits(), "then the verified-login cache");
    }

    @Test
    void noHeaderAWrongPasswordAndAnUnknownNameAreAllAChallenge() {
        assertInstanceOf(Login.Challenge.class, from("10.0.0.2", null));
        assertInstanceOf(Login.Challenge.class, from("10.0.0.2", basic("roy", "wrong")));
        long unknown = Logins.INSTANCE.getUnknownName();
        assertInstanceOf(Login.Challenge.class, from("10.0.0.2", basic("nobody", "roy-pass")));
        assertEquals(unknown + 1, Logins.INSTANCE.getUnknownName(), "counted as an unknown name, without a thread-local");
    }

    @Test
    void aVerifiedLoginDiesWithTheStoredHashItWasVerifiedAgainst() {
        assertInstanceOf(Login.Authenticated.class, from("10.0.0.3", basic("roy", "roy-pass")));
        directory.users = usersWith(Pbkdf2.of("new-pass"));
        assertInstanceOf(Login.Challenge.class, from("10.0.0.3", basic("roy", "roy-pass")), "the old password, at once");
        assertInstanceOf(Login.Authenticated.class, from("10.0.0.3", basic("roy", "new-pass")));
        directory.users = Users.NONE;
        assertInstanceOf(Login.Challenge.class, from("10.0.0.3", basic("roy", "new-pass")), "a removed user, at once");
    }

    @Test
    void fiveWrongPasswordsLockTheNameForThatAddressEvenForTheRightOne() {
        for (int i = 0; i < 5; i++) {
            assertInstanceOf(Login.Challenge.class, from("10.0.0.4", basic("roy", "guess-" + i)));
        }
        Login.TooMany refused = assertInstanceOf(Login.TooMany.class, from("10.0.0.4", basic("roy", "roy-pass")));
        assertEquals(300, refused.retryAfterSeconds());
        assertInstanceOf(Login.Authenticated.class, from("10.0.0.5", basic("roy", "roy-pass")), "another address is not locked");
    }

    @Test
    void unreadableCredentialsCountAgainstTheAddress() {
        for (int i = 0; i < 50; i++) {
            assertInstanceOf(Login.Challenge.class, from("10.0.0.6", "Basic %%%" + i));
        }
        assertInstanceOf(Login.TooMany.class, from("10.0.0.6", basic("roy", "roy-pass")));
        assertTrue(from("10.0.0.7", "Basic %%%") instanceof Login.Challenge);
    }

    @Test
    void aRightPasswordOverAPbkdf2HashIsHandedOnAsArgon2idOnceWhileTheLoginGoesOn() {
        assertEquals(new Login.Authenticated("roy", List.of("user", Settings.PASSWORD_ROLE)), from("10.0.0.7", basic("roy", "roy-pass")));
        assertEquals(new Login.Authenticated("roy", List.of("user", Settings.PASSWORD_ROLE)), from("10.0.0.7", basic("roy", "roy-pass")));
        assertEquals(1, directory.upgrades.size(), "once: the second login was verified lately");
        List<String> upgrade = directory.upgrades.get(0);
        assertEquals(List.of("roy", ROY.stored()), upgrade.subList(0, 2));
        Argon2id upgraded = Argon2id.parse(upgrade.get(2)).orElseThrow();
        assertTrue(upgraded.isCurrent(Settings.Argon2.DEFAULTS));
        assertTrue(upgraded.matches("roy-pass"));
        assertFalse(upgrade.get(2).contains("roy-pass"));
    }

    @Test
    void aWrongPasswordAndACurrentHashAreNeverUpgraded() {
        assertInstanceOf(Login.Challenge.class, from("10.0.0.8", basic("roy", "wrong")));
        assertTrue(directory.upgrades.isEmpty(), "a wrong password upgrades nothing");
        directory.users = usersWith(Argon2id.of("roy-pass", Settings.Argon2.DEFAULTS));
        assertEquals(new Login.Authenticated("roy", List.of("user", Settings.PASSWORD_ROLE)), from("10.0.0.8", basic("roy", "roy-pass")));
        assertTrue(directory.upgrades.isEmpty(), "Argon2id at the default parameters stays");
        directory.users = usersWith(Argon2id.of("roy-pass", new Settings.Argon2(19_456, 2, 1)));
        Login stronger = new Login(directory, new LoginThrottle(Settings.Lockout.DEFAULTS, new ManualClock(), Duration.ofMillis(50)),
                ClientAddress.trusting(List.of(), Settings.ForwardedHeader.X_FORWARDED_FOR), new Settings.Argon2(19_456, 3, 1), POLICY,
                new Tokens(new MemoryTokens(), java.time.Clock.systemUTC()));
        assertEquals(new Login.Authenticated("roy", List.of("user", Settings.PASSWORD_ROLE)), stronger.login(basic("roy", "roy-pass"), "10.0.0.8", List.of()));
        assertEquals(1, directory.upgrades.size(), "weaker than the configured parameters: upgraded");
        assertEquals(3, Argon2id.parse(directory.upgrades.get(0).get(2)).orElseThrow().iterations());
    }

    @Test
    void parallelRequestsOfOneColdLoginRunOneHashBetweenThem() throws Exception {
        directory.users = usersWith(Argon2id.of("roy-pass", Settings.Argon2.DEFAULTS)); // current: nothing to upgrade
        Settings.Lockout roomy = new Settings.Lockout(1_000, Duration.ofMinutes(5), 1_000, 1_000, Duration.ofMinutes(5), 10_000);
        Login parallel = new Login(directory, new LoginThrottle(roomy, new ManualClock(), Duration.ofMillis(50)),
                ClientAddress.trusting(List.of(), Settings.ForwardedHeader.X_FORWARDED_FOR), Settings.Argon2.DEFAULTS, POLICY,
            new Tokens(new MemoryTokens(), java.time.Clock.systemUTC()));
        int requests = 16;
        long hashesBefore = dev.securerestapi.realm.hash.HashSlots.completed();
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(requests);
        try {
            List<java.util.concurrent.Future<Login.Outcome>> outcomes = new java.util.ArrayList<>();
            for (int i = 0; i < requests; i++) {
                outcomes.add(clients.submit(() -> {
                    go.await();
                    return parallel.login(basic("roy", "roy-pass"), "10.0.0.9", List.of());
                }));
            }
            go.countDown();
            for (java.util.concurrent.Future<Login.Outcome> outcome : outcomes) {
                assertEquals(new Login.Authenticated("roy", List.of("user", Settings.PASSWORD_ROLE)), outcome.get());
            }
        } finally {
            clients.shutdownNow();
        }
        long hashes = dev.securerestapi.realm.hash.HashSlots.completed() - hashesBefore;
        // the limits leave every request a place, so without the shared check each would hash; a request the first
        // check's end overtakes may start another, never most of them
        assertTrue(hashes >= 1 && hashes <= requests / 4, hashes + " hashes for " + requests + " requests of one login");
    }

    // --- a user's own password change ---

    private PasswordChanges.Result change(String address, String current, String replacement) {
        return login.change("roy", current, replacement, address, List.of());
    }

    @Test
    void aChangeWithTheRightCurrentPasswordStoresTheNewOneAndTheOldIsRefusedAtOnce() {
        assertInstanceOf(PasswordChanges.Changed.class, change("10.0.1.1", "roy-pass", "a-new-long-passphrase"));
        assertEquals(List.of(), directory.upgrades, "the change replaces roy's PBKDF2 hash itself: no upgrade races it");
        assertTrue(PasswordHash.parse(directory.users.byName().get("roy").stored()).orElseThrow().matches("a-new-long-passphrase"));
        assertInstanceOf(Login.Challenge.class, from("10.0.1.1", basic("roy", "roy-pass")), "the old password");
        assertInstanceOf(Login.Authenticated.class, from("10.0.1.1", basic("roy", "a-new-long-passphrase")));
    }

    @Test
    void aWrongCurrentPasswordChangesNothingAndCountsAsAFailedLogin() {
        for (int i = 0; i < 5; i++) {
            assertInstanceOf(PasswordChanges.WrongCurrent.class, change("10.0.1.2", "guess-" + i, "a-new-long-passphrase"));
        }
        assertInstanceOf(PasswordChanges.TooMany.class, change("10.0.1.2", "roy-pass", "a-new-long-passphrase"), "locked like a login");
        assertTrue(directory.users.byName().get("roy").hash().matches("roy-pass"), "unchanged");
    }

    @Test
    void aNewPasswordThePolicyRefusesOrTheCurrentOneIsRefusedByRule() {
        PasswordChanges.Refused common = assertInstanceOf(PasswordChanges.Refused.class, change("10.0.1.3", "roy-pass", "password1"));
        assertEquals("common", common.rule());
        assertEquals("contains_name", assertInstanceOf(PasswordChanges.Refused.class, change("10.0.1.3", "roy-pass", "i-am-roy-2026")).rule());
        assertTrue(directory.users.byName().get("roy").hash().matches("roy-pass"), "unchanged");
        assertInstanceOf(PasswordChanges.Changed.class, change("10.0.1.3", "roy-pass", "a-new-long-passphrase"));
        assertEquals("unchanged", assertInstanceOf(PasswordChanges.Refused.class,
                change("10.0.1.3", "a-new-long-passphrase", "a-new-long-passphrase")).rule());
    }

    @Test
    void aStoreThatCannotBeWrittenSaysSoAndKeepsTheOldPassword() {
        directory.readOnly = true;
        assertInstanceOf(PasswordChanges.NotStored.class, change("10.0.1.4", "roy-pass", "a-new-long-passphrase"));
        assertInstanceOf(Login.Authenticated.class, from("10.0.1.4", basic("roy", "roy-pass")));
    }

    // --- temporary passwords (users reset) ---

    private void temporary(String password, java.time.Instant expires) {
        directory.users = usersWith(dev.securerestapi.realm.hash.Temporary.of(password, expires, Settings.Argon2.DEFAULTS));
    }

    @Test
    void aTemporaryPasswordLogsInWithTheTemporaryRoleAloneAndChangesToANormalOne() {
        temporary("tmp-abcde-fghij", java.time.Instant.now().plusSeconds(3600));
        assertEquals(new Login.Authenticated("roy", List.of(Settings.TEMPORARY_ROLE)), from("10.0.2.1", basic("roy", "tmp-abcde-fghij")));
        assertInstanceOf(PasswordChanges.Changed.class, change("10.0.2.1", "tmp-abcde-fghij", "a-passphrase-of-my-own"));
        assertEquals(new Login.Authenticated("roy", List.of("user", Settings.PASSWORD_ROLE)), from("10.0.2.1", basic("roy", "a-passphrase-of-my-own")),
                "the user's own roles again");
        assertInstanceOf(Login.Challenge.class, from("10.0.2.1", basic("roy", "tmp-abcde-fghij")));
    }

    /** The reasons of the {@code login.failed} audit lines {@code action} wrote, in order. */
    private static List<String> failureReasons(Runnable action) {
        List<String> reasons = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                java.util.regex.Matcher failed = java.util.regex.Pattern.compile("\"event\":\"login\\.failed\".*\"reason\":\"([a-z_]+)\"")
                        .matcher(record.getMessage());
                if (failed.find()) {
                    reasons.add(failed.group(1));
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        java.util.logging.Logger audit = java.util.logging.Logger.getLogger(dev.securerestapi.realm.audit.Audit.LOGGER);
        audit.addHandler(capture);
        try {
            action.run();
        } finally {
            audit.removeHandler(capture);
        }
        return reasons;
    }

    @Test
    void anExpiredTemporaryPasswordIsRefusedLikeAWrongOneAndAuditedAsExpired() {
        temporary("tmp-abcde-fghij", java.time.Instant.now().minusSeconds(1));
        assertEquals(List.of("expired_temporary_password"),
                failureReasons(() -> assertInstanceOf(Login.Challenge.class, from("10.0.2.2", basic("roy", "tmp-abcde-fghij")))));
        assertInstanceOf(PasswordChanges.WrongCurrent.class, change("10.0.2.2", "tmp-abcde-fghij", "a-passphrase-of-my-own"));
    }

    @Test
    void aTokenLogsItsOwnerInWithItsScopesRolesAndNeverThePasswordRole() {
        long byToken = Logins.INSTANCE.getTokenLogins();
        long byPassword = Logins.INSTANCE.getPasswordLogins();
        String read = token("ci", "read", 30);
        assertTrue(read.startsWith("srapi_") && read.length() >= 6 + 43, "a prefix, then 256 random bits");
        assertEquals(new Login.Authenticated("roy", List.of("user")), from("10.0.3.1", basic("roy", read)));
        assertEquals(new Login.Authenticated("roy", List.of("user")), from("10.0.3.1", basic("roy", token("deploy", "write", 1))),
                "write: the owner's roles, no more");
        assertEquals(byToken + 2, Logins.INSTANCE.getTokenLogins(), "counted apart from password logins");
        assertEquals(byPassword, Logins.INSTANCE.getPasswordLogins());
        assertInstanceOf(PasswordChanges.WrongCurrent.class, login.change("roy", read, "a-fine-new-passphrase", "10.0.3.1", List.of()),
                "a token is never the current password");
    }

    @Test
    void aRevokedExpiredOrSomeoneElsesTokenIsAChallengeCountedAsAFailure() {
        String kept = token("kept", "read", 2);
        String revoked = token("revoked", "read", 30);
        String id = login.list("roy").stream().filter(t -> t.name().equals("revoked")).findFirst().orElseThrow().id();
        assertInstanceOf(Login.Authenticated.class, from("10.0.3.2", basic("roy", revoked)));
        assertTrue(login.revoke("roy", id, "10.0.3.2", List.of()));
        long wrong = Logins.INSTANCE.getWrongPassword();
        assertEquals(List.of("wrong_token", "wrong_token", "unknown_name"), failureReasons(() -> {
            assertInstanceOf(Login.Challenge.class, from("10.0.3.2", basic("roy", revoked)), "revoked: at once, cached login or not");
            assertInstanceOf(Login.Challenge.class, from("10.0.3.2", basic("roy", "srapi_" + "A".repeat(43))), "unknown");
            assertInstanceOf(Login.Challenge.class, from("10.0.3.2", basic("admin", kept)), "roy's token is no one else's");
        }), "audited as wrong tokens, not wrong passwords (admin is no user here)");
        assertEquals(wrong + 2, Logins.INSTANCE.getWrongPassword(), "failures, as wrong passwords are");
        assertInstanceOf(Login.Authenticated.class, from("10.0.3.3", basic("roy", kept)));
        tokenClock.advance(Duration.ofDays(2));
        assertInstanceOf(Login.Challenge.class, from("10.0.3.3", basic("roy", kept)), "expired");
        for (int i = 0; i < 3; i++) {
            from("10.0.3.2", basic("roy", "srapi_" + "B".repeat(42) + i));
        }
        assertInstanceOf(Login.TooMany.class, from("10.0.3.2", basic("roy", "roy-pass")), "five failures with tokens lock the name there");
    }

    @Test
    void aRemovedUsersTokensAndATokenOfNoRoleItCouldCarryLetNobodyIn() {
        String secret = token("script", "write", 30);
        directory.users = Users.NONE;
        assertInstanceOf(Login.Challenge.class, from("10.0.3.4", basic("roy", secret)), "the owner removed: at once");
        directory.users = new Users(Map.of("roy", new User("roy", Pbkdf2.of("roy-pass"), List.of("monitor"))), directory.users.unknownUser());
        assertEquals(new Login.Authenticated("roy", List.of("monitor")), from("10.0.3.4", basic("roy", secret)),
                "roles narrowed: the token's narrow with them");
        AccessTokens.Refused refused = assertInstanceOf(AccessTokens.Refused.class, login.make("roy", "reader", "read", 30, "10.0.3.4", List.of()));
        assertEquals("scope", refused.field(), "a read token needs role user to carry");
        assertInstanceOf(AccessTokens.Conflict.class, login.make("roy", "script", "write", 30, "10.0.3.4", List.of()), "names are unique");
        assertInstanceOf(AccessTokens.Refused.class, login.make("roy", "later", "write", 367, "10.0.3.4", List.of()));
        assertInstanceOf(AccessTokens.Refused.class, login.make("roy", "x", "admin", 30, "10.0.3.4", List.of()));
    }
}
