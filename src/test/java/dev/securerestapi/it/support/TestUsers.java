package dev.securerestapi.it.support;

import java.util.List;

/**
 * The accounts the tests log in with. The first two come from the dev realm the project ships;
 * the others are added to a copy of it by each container's harness, for cases the dev realm
 * does not cover. None of them is changed on the shared containers: a test that edits the realm
 * adds users of its own first.
 */
public final class TestUsers {

    public record User(String name, String password, List<String> roles) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Dev realm: roles admin and user. */
    public static final User ADMIN = new User("admin", "SuperSecretPwd", List.of("admin", "user"));
    /** Dev realm: role user. */
    public static final User ROY = new User("roy", "roy", List.of("user"));
    /** Test only: authenticates, but holds neither role the application knows. */
    public static final User NOBODY = new User("nobody", "nobody-pass", List.of());
    /** Test only: a password with non-ASCII letters (one outside Latin-1) and a colon. */
    public static final User UTF8 = new User("utf8", "Grüße:Straße€", List.of("user"));

    /** Test only: a password ISO-8859-1 can hold, as Python's {@code requests} sends it: {@code ü} and {@code ß}. */
    public static final User UTE = new User("ute", "gr\u00fc\u00dfe-pass", List.of("user"));
    /**
     * Test only: a password that is what the UTF-8 bytes of {@code über-pass} spell when read as
     * ISO-8859-1 ({@code Ã¼ber-pass}). Those bytes mean {@code über-pass}, so they never log this user in.
     */
    public static final User MOJO = new User("mojo", "\u00c3\u00bcber-pass", List.of("user"));

    /** Test only: a scraper's account, role monitor: reads /metrics and nothing else. */
    public static final User MONITOR = new User("prometheus", "scrape-pass", List.of("monitor"));

    /**
     * Test only: the account wrong passwords are tried on, so that a container's lockout after
     * failed logins never locks an account the other tests log in with.
     */
    public static final User CAROL = new User("carol", "carol-pass", List.of("user"));

    /** Test only: a right password, then a wrong one, then the right one again. */
    public static final User DAVE = new User("dave", "dave-pass", List.of("user"));

    /** Test only: locked out, in containers of the lockout tests' own. */
    public static final User ERIN = new User("erin", "erin-pass", List.of("user"));
    /** Test only: logs in from an address next to a locked one, in containers of the lockout tests' own. */
    public static final User FRANK = new User("frank", "frank-pass", List.of("user"));

    /** Test only: the target of parallel guesses, in containers of the lockout tests' own. */
    public static final User IVAN = new User("ivan", "ivan-pass", List.of("user"));

    /** The accounts a harness must add to the dev realm, hashed as the realm's format asks. */
    public static final List<User> TEST_ONLY = List.of(NOBODY, UTF8, UTE, MOJO, MONITOR, CAROL, DAVE, ERIN, FRANK, IVAN);

    /**
     * Test only, and stored as it stands rather than hashed: an entry in a format no realm here
     * accepts. Stock Jetty would take such a string as a plain password, so sending the stored
     * string itself would log in; here nothing logs this user in.
     */
    public static final String LEGACY = "legacy";
    public static final String LEGACY_STORED =
            "SHA512:d2a70ad687112b5af5f566f00b75ad88f3a976b96c3c37e7d8ec417385750a76000ac48f14c907dbbde38f5e70ec0227599bccf4af1093decd376ea0dffc2d13";

    /** Test only: a PBKDF2 entry of 1,000 iterations, below the policy: stock Tomcat would log it in; nothing here does. */
    public static final User WEAK = new User("weak", "weak-pass", List.of("user"));
    /** Test only: a PBKDF2 entry of 1,200,000 iterations, twice the policy: the slowest entry of every realm. */
    public static final User SLOW = new User("slow", "slow-pass", List.of("user"));
    public static final int SLOW_ITERATIONS = 1_200_000;
    /** Test only: a strong hash under a name not in its RFC 8265 form ({@code Mallory}, not {@code mallory}): nobody logs in with it. */
    public static final User UNNORMALIZED = new User("Mallory", "mallory-pass", List.of("user"));

    /** An entry a harness writes into the realm file exactly as given, not through the users command. */
    public record StoredEntry(String name, String stored, List<String> roles) {}

    /** The entries a harness appends as they stand, after the ones it hashes. */
    public static final List<StoredEntry> STORED_AS_IS = List.of(
            new StoredEntry(LEGACY, LEGACY_STORED, List.of("user")),
            new StoredEntry(WEAK.name(), pbkdf2(WEAK.password(), 1_000), WEAK.roles()),
            new StoredEntry(SLOW.name(), pbkdf2(SLOW.password(), SLOW_ITERATIONS), SLOW.roles()),
            new StoredEntry(UNNORMALIZED.name(), pbkdf2(UNNORMALIZED.password(), 600_000), UNNORMALIZED.roles()));

    private static final java.util.Map<User, String> HASHED = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * {@code user}'s password hashed as the users command hashes it, once per test JVM: every
     * container's realm holds the same entry, which spares each harness ten slow hashes.
     */
    public static String stored(User user) {
        return HASHED.computeIfAbsent(user, u -> dev.securerestapi.realm.hash.PasswordHash.of(u.password(),
                dev.securerestapi.settings.Settings.Argon2.DEFAULTS).stored());
    }

    /** A stored hash, as the users command writes it (Argon2id, a PHC string) or as earlier builds did (PBKDF2, salt$iterations$hash). */
    public static final String STORED_HASH =
            "\\$argon2id\\$v=19\\$m=\\d+,t=\\d+,p=\\d+\\$[A-Za-z0-9+/]+\\$[A-Za-z0-9+/]+|[0-9a-f]{32,}\\$[0-9]+\\$[0-9a-f]{64}";

    /** A PBKDF2-HMAC-SHA256 entry of any strength, in the realms' salt$iterations$hash format. */
    public static String pbkdf2(String password, int iterations) {
        try {
            byte[] salt = new byte[16];
            new java.security.SecureRandom().nextBytes(salt);
            byte[] hash = javax.crypto.SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new javax.crypto.spec.PBEKeySpec(password.toCharArray(), salt, iterations, 256)).getEncoded();
            java.util.HexFormat hex = java.util.HexFormat.of();
            return hex.formatHex(salt) + "$" + iterations + "$" + hex.formatHex(hash);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private TestUsers() {}
}
