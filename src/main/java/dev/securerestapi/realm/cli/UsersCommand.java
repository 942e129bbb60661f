package dev.securerestapi.realm.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.securerestapi.realm.hash.PasswordHash;
import dev.securerestapi.realm.hash.Temporary;
import dev.securerestapi.realm.RealmEntry;
import dev.securerestapi.realm.RealmFile;
import dev.securerestapi.realm.UserName;
import dev.securerestapi.realm.audit.Audit;
import dev.securerestapi.realm.tokens.StoredToken;
import dev.securerestapi.realm.users.PasswordPolicy;
import dev.securerestapi.settings.Settings;

/**
 * {@code java -jar secure-rest-api-users.jar COMMAND ...}: the users of a realm file, or of the
 * database several instances share, for operators. Edits Jetty's realm properties and Tomcat's
 * users XML alike, keeps everything else in the file as it was, and replaces the file atomically;
 * edits the database's tables in one transaction each ({@link DatabaseUsers}). Passwords come from the console without
 * echo, or from one line of standard input; never from the command line, where every user of the
 * machine could read them.
 */
public final class UsersCommand {

    static final String USAGE = """
            usage: java -jar secure-rest-api-users.jar [--file FILE] [--format jetty|tomcat] COMMAND
                   java -jar secure-rest-api-users.jar --database [--database-config FILE] COMMAND
                   java -jar secure-rest-api-users.jar --version

              add USER [--roles user,admin]  a new user (roles default to user); asks for the password
              passwd USER                    a new password for USER
              reset USER                     prints a random temporary password for USER, once: it expires
                                             (secure-rest-api.password.temporary-hours, 24) and logs in
                                             only to change itself
              roles USER ROLE[,ROLE...]      replaces USER's roles (user, admin, monitor)
              remove USER                    deletes USER and USER's access tokens
              tokens USER                    USER's access tokens: id, scope, created, expires, last used, name
              revoke-token USER ID           revokes USER's access token ID (in force everywhere within seconds)
              list                           users, roles and each one's hash scheme, never hashes
              verify USER                    exit 0 if the password given matches, 1 if not
              hash                           prints the Argon2id hash of a password, for writing a file by hand
              import FILE [--roles ROLES] [--digest ALGORITHM] [--pbkdf2 ALGORITHM:ITERATIONS:SALT_BYTES]
                                             adds every user of another tool's file, all of them or none:
                                             Apache htpasswd (bcrypt, $apr1$, {SHA}, crypt), Spring Security's
                                             {bcrypt} {argon2} {scrypt} {pbkdf2} {noop} {MD5} {SHA-1}, Jetty's
                                             OBF: MD5: CRYPT:, Tomcat's digests (--digest names the
                                             CredentialHandler's algorithm: MD5, SHA-256, PBKDF2WithHmacSHA512,
                                             ..., or plain); strong hashes kept, weak ones wrapped in Argon2id,
                                             every one Argon2id after its user's next login

            Passwords are read from the console without echo, or as one line of standard input:
              printf '%s\\n' "$PASSWORD" | java -jar secure-rest-api-users.jar --file realm.properties passwd roy
            New passwords (add, passwd, and readable ones an import hashes) follow the password policy:
            at least 8 characters (secure-rest-api.password.min-length), not a common password, not
            containing the user's name or the service's (docs/security.md); hash only warns.
            FILE defaults to $CATALINA_BASE/conf/secure-rest-api-users.xml or
            $JETTY_BASE/etc/secure-rest-api-realm.properties, whichever exists. The format is
            read from the file (XML is Tomcat's); --format is needed only to create a new file with add.
            --database works on the users every instance shares (secure-rest-api.users.store=database)
            in the application's database instead: its JDBC URL, user and password come from
            $SECURE_REST_API_DB_URL, $SECURE_REST_API_DB_USER and $SECURE_REST_API_DB_PASSWORD, or
            from FILE (url=, user=, password=, readable by its owner only).
            Exit codes: 0 done, 1 password does not match (verify), 2 usage, 3 no such user,
            4 user exists, 5 password refused, 6 file or database missing, unreadable, malformed
            or not writable.
            """;

    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}._@+-]{0,63}");

    private final Map<String, String> env;
    private final InputStream stdin;
    private final Console console;
    private final PrintStream out;
    private final PrintStream err;

    UsersCommand(Map<String, String> env, InputStream stdin, Console console, PrintStream out, PrintStream err) {
        this.env = env;
        this.stdin = stdin;
        this.console = console;
        this.out = out;
        this.err = err;
    }

    /** Held here: java.util.logging keeps loggers only weakly, and a collected one forgets its handler. */
    private static final java.util.logging.Logger AUDIT = java.util.logging.Logger.getLogger(Audit.LOGGER);

    public static void main(String[] args) {
        auditToStandardError();
        UsersCommand command = new UsersCommand(System.getenv(), System.in, System.console(), System.out, System.err);
        int code;
        try {
            code = command.run(args);
        } catch (Failure e) {
            System.err.println("secure-rest-api-users: " + e.getMessage());
            code = e.exitCode();
        }
        System.exit(code);
    }

    /**
     * The audit trail's lines ({@link Audit}: who changed which user, never a password) as they
     * stand, one per line on standard error, unless a logging configuration file says otherwise.
     */
    private static void auditToStandardError() {
        if (System.getProperty("java.util.logging.config.file") != null) {
            return;
        }
        java.util.logging.ConsoleHandler toStderr = new java.util.logging.ConsoleHandler();
        toStderr.setFormatter(new java.util.logging.Formatter() {
            @Override
            public String format(java.util.logging.LogRecord record) {
                return record.getMessage() + System.lineSeparator();
            }
        });
        AUDIT.addHandler(toStderr);
        AUDIT.setUseParentHandlers(false);
    }

    int run(String[] args) throws Failure {
        Arguments a = Arguments.parse(args);
        if (a.version) {
            out.println("secure-rest-api-users " + version());
            return 0;
        }
        if (a.command == null || a.command.equals("help") || a.help) {
            out.print(USAGE);
            return a.command == null && !a.help ? Failure.USAGE : 0;
        }
        if (a.command.equals("hash")) {
            return hash(a);
        }
        boolean edits = !a.command.equals("list") && !a.command.equals("verify") && !a.command.equals("tokens");
        Import imported = a.command.equals("import") ? importable(a) : null; // read before the store is locked
        try (Users users = open(a, edits)) {
            return switch (a.command) {
                case "add" -> add(users, a);
                case "passwd" -> passwd(users, a);
                case "reset" -> reset(users, a);
                case "roles" -> roles(users, a);
                case "remove" -> remove(users, a);
                case "list" -> list(users, a);
                case "tokens" -> tokens(users, a);
                case "revoke-token" -> revokeToken(users, a);
                case "verify" -> verify(users, a);
                case "import" -> importAll(users, imported, a);
                default -> throw new Failure(Failure.USAGE, "unknown command '" + a.command + "'\n" + USAGE);
            };
        }
    }

    /** The realm file, or with --database / --database-config the shared database. */
    private Users open(Arguments a, boolean edits) throws Failure {
        if (a.database || a.databaseConfig != null) {
            if (a.file != null || a.format != null) {
                throw new Failure(Failure.USAGE, "--database works on the database's tables: --file and --format are for realm files");
            }
            return DatabaseUsers.connect(a.databaseConfig == null ? null : Path.of(a.databaseConfig), env, err);
        }
        return FileUsers.open(a.file != null ? Path.of(a.file) : defaultFile(), a.format, edits, err);
    }

    private int add(Users users, Arguments a) throws Failure {
        String user = a.user(1);
        if (!NAME.matcher(user).matches()) {
            throw new Failure(Failure.USAGE, "'" + RealmEntry.printable(user) + "' is not a user name this tool creates: 1 to 64"
                    + " letters, digits and . _ @ + -, starting with a letter or digit");
        }
        if (!UserName.isEnforced(user)) {
            throw new Failure(Failure.USAGE, "'" + RealmEntry.printable(user) + "' is not a user name this tool creates: names are "
                    + UserName.REQUIRED + UserName.enforce(user).map(n -> "; that would be '" + n + "'").orElse(""));
        }
        List<String> roles = roles(a.roles == null ? "user" : a.roles);
        for (RealmEntry existing : users.entries()) {
            if (existing.name().equals(user)) {
                throw new Failure(Failure.USER_EXISTS, "user '" + user + "' already exists" + line(existing)
                        + "; use passwd or roles to change it");
            }
            if (UserName.key(existing.name()).equals(user)) {
                throw new Failure(Failure.USER_EXISTS, "user '" + RealmEntry.printable(existing.name()) + "' already exists"
                        + line(existing) + ", differing from '" + user + "' only by case, width or Unicode form;"
                        + " RFC 8265 (and the login lockout) takes them for one name");
            }
        }
        String hash = newHash(newPassword(user));
        boolean created = users.creates();
        users.add(user, hash, roles);
        Audit.usersChanged("add", user, users.where(), String.join(",", roles));
        out.println("added " + user + " (" + String.join(",", roles) + ") to " + users.where());
        if (created) {
            out.println("created " + users.where() + " readable by its owner only: make sure the container's user owns it");
        }
        return 0;
    }

    private int passwd(Users users, Arguments a) throws Failure {
        String user = a.user(1);
        existing(users, user);
        String hash = newHash(newPassword(user));
        users.passwd(user, hash);
        Audit.usersChanged("passwd", user, users.where(), null);
        out.println("changed the password of " + user + " in " + users.where());
        return 0;
    }

    /**
     * A random password for {@code user}, printed once: temporary, it expires after
     * {@code secure-rest-api.password.temporary-hours} and opens nothing but the change of itself.
     * The operator never chooses a password the user keeps.
     */
    private int reset(Users users, Arguments a) throws Failure {
        String user = a.user(1);
        existing(users, user);
        java.time.Duration valid;
        try {
            valid = Settings.current().temporaryPassword();
        } catch (Settings.InvalidSetting e) {
            throw new Failure(Failure.USAGE, e.getMessage());
        }
        String password = randomPassword();
        java.time.Instant expires = java.time.Instant.now().plus(valid);
        Temporary hash = Temporary.of(password, expires, argon2());
        users.passwd(user, hash.stored());
        Audit.usersChanged("reset", user, users.where(), null);
        out.println("temporary password of " + user + " (until " + hash.expires() + ", only to change it: PUT /api/v1/me/password): "
                + password);
        return 0;
    }

    /** Letters and digits nobody mistakes for another: 31 of them. */
    private static final String RANDOM_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

    /** 20 random characters (99 bits), in groups of five for reading it out. */
    static String randomPassword() {
        java.security.SecureRandom random = new java.security.SecureRandom();
        StringBuilder password = new StringBuilder(23);
        for (int i = 0; i < 20; i++) {
            if (i > 0 && i % 5 == 0) {
                password.append('-');
            }
            password.append(RANDOM_ALPHABET.charAt(random.nextInt(RANDOM_ALPHABET.length())));
        }
        return password.toString();
    }

    private int roles(Users users, Arguments a) throws Failure {
        String user = a.user(2);
        List<String> roles = roles(a.positional.get(1));
        existing(users, user);
        users.roles(user, roles);
        Audit.usersChanged("roles", user, users.where(), String.join(",", roles));
        out.println("roles of " + user + ": " + String.join(",", roles));
        return 0;
    }

    private int remove(Users users, Arguments a) throws Failure {
        String user = a.user(1);
        existing(users, user);
        users.remove(user);
        Audit.usersChanged("remove", user, users.where(), null);
        out.println("removed " + user + " from " + users.where());
        return 0;
    }

    private int list(Users users, Arguments a) throws Failure {
        if (a.positional.size() != 0) {
            throw new Failure(Failure.USAGE, "list takes no arguments");
        }
        for (RealmEntry entry : users.entries()) {
            Optional<PasswordHash> hash = PasswordHash.parse(entry.stored());
            String note = !UserName.isEnforced(entry.name()) ? "\t(cannot log in: the name is not " + UserName.REQUIRED + ")"
                    : hash.isEmpty() ? "\t(cannot log in: not an Argon2id or PBKDF2 hash at policy strength)"
                    : hash.get() instanceof Temporary temporary ? "\t(until " + temporary.expires() + ", only to change it)" : "";
            out.println(entry.name() + "\t" + String.join(",", entry.roles()) + "\t" + hash.map(PasswordHash::scheme).orElse("-") + note);
        }
        return 0;
    }

    private int tokens(Users users, Arguments a) throws Failure {
        String user = a.user(1);
        existing(users, user);
        for (StoredToken token : users.tokens(user)) {
            out.println(token.id() + "\t" + token.scope() + "\t" + token.created() + "\t" + token.expires() + "\t"
                    + (token.lastUsed() == null ? "never used" : token.lastUsed() + " from " + token.lastAddress()) + "\t"
                    + Audit.shown(token.name()));
        }
        return 0;
    }

    private int revokeToken(Users users, Arguments a) throws Failure {
        if (a.positional.size() != 2) {
            throw new Failure(Failure.USAGE, "revoke-token takes USER ID\n" + USAGE);
        }
        String user = a.positional.get(0);
        String id = a.positional.get(1);
        existing(users, user);
        if (!users.revokeToken(user, id)) {
            throw new Failure(Failure.NO_SUCH_USER, user + " has no token " + RealmEntry.printable(id) + "; nothing was changed");
        }
        Audit.tokenRevoked(user, null, id, "operator");
        out.println("revoked token " + id + " of " + user);
        return 0;
    }

    private int verify(Users users, Arguments a) throws Failure {
        String user = a.user(1);
        RealmEntry entry = existing(users, user);
        String password = password("Password for " + user + ": ");
        Optional<PasswordHash> hash = PasswordHash.parse(entry.stored());
        if (entry.refusal().isPresent()) {
            out.println(user + ": " + (hash.isEmpty() ? "stored in a format no realm here accepts" : "the name is not " + UserName.REQUIRED)
                    + "; nobody can log in as " + user);
            return Failure.MISMATCH;
        }
        if (hash.get().matches(password) && !hasControlCharacters(password)) {
            out.println(user + ": the password matches");
            return 0;
        }
        out.println(user + ": the password does not match");
        return Failure.MISMATCH;
    }

    /**
     * The users of a file another tool wrote: Apache htpasswd ({@code name:hash}), a properties file
     * ({@code name: hash, role, ...}: Jetty's realm files, Spring Security's users.properties) or
     * Tomcat's users XML; each with its hash as {@link ForeignHash} stores it, and the file's roles
     * (or {@code --roles}, which replaces them; {@code user} when the file has none). Refused as a
     * whole, by line number, for any entry it cannot take, never printing a hash.
     */
    private Import importable(Arguments a) throws Failure {
        Path from = Path.of(a.user(1));
        List<String> roles = a.roles == null ? null : roles(a.roles);
        Settings.Argon2 parameters = argon2();
        ForeignHash.Options options = new ForeignHash.Options(a.digest, a.pbkdf2);
        List<RealmEntry> foreign;
        try {
            byte[] content = Files.readAllBytes(from);
            foreign = RealmFile.parse(RealmFile.Format.of(content), content).entries();
        } catch (IOException e) {
            throw new Failure(Failure.FILE, from + ": cannot read: " + e.getMessage() + "; nothing was imported");
        } catch (dev.securerestapi.realm.MalformedRealmFile e) {
            throw new Failure(Failure.FILE, from + ": " + e.getMessage() + "; nothing was imported");
        }
        List<RealmEntry> entries = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        java.util.Set<String> names = new java.util.HashSet<>();
        int wrapped = 0;
        int hashed = 0;
        PasswordPolicy policy = policy();
        for (RealmEntry entry : foreign) {
            String name = entry.name();
            List<String> fileRoles = entry.roles().stream().filter(role -> !role.equals("enabled")).toList(); // Spring's flag
            String why = !NAME.matcher(name).matches() || !UserName.isEnforced(name) ? "'" + RealmEntry.printable(name) + "' is not a user name this tool creates"
                    : !names.add(UserName.key(name)) ? "'" + name + "' again"
                    : fileRoles.contains("disabled") ? "'" + name + "' is disabled there; remove the line or enable the user"
                    : roles == null && !Settings.ROLES.containsAll(fileRoles) ? "'" + name + "' has roles this application does not know ("
                            + String.join(", ", fileRoles) + "); give --roles"
                    : null;
            if (why == null) {
                try {
                    List<String> granted = roles != null ? roles : fileRoles.isEmpty() ? List.of("user") : fileRoles;
                    PasswordHash hash = ForeignHash.read(entry.stored(), options, parameters, password -> {
                        Optional<PasswordPolicy.Refusal> refusal = policy.refusal(name, password);
                        if (refusal.isPresent()) {
                            throw new ForeignHash.Unreadable("kept readable in the file, and " + refusal.get().message()
                                    + " (" + ruleName(refusal.get()) + ")");
                        }
                        return PasswordHash.of(password, parameters);
                    });
                    wrapped += hash instanceof dev.securerestapi.realm.hash.Wrapped ? 1 : 0;
                    hashed += hash instanceof dev.securerestapi.realm.hash.Argon2id && !entry.stored().contains(hash.stored()) ? 1 : 0;
                    entries.add(new RealmEntry(name, hash.stored(), granted, entry.line()));
                } catch (ForeignHash.Unreadable e) {
                    why = "the password of '" + name + "': " + e.getMessage();
                }
            }
            if (why != null) {
                refused.add(from + " line " + entry.line() + ": " + why);
            }
        }
        if (!refused.isEmpty()) {
            throw new Failure(Failure.FILE, String.join("\n", refused) + "\nnothing was imported");
        }
        return new Import(entries, entries.size() - wrapped - hashed, wrapped, hashed);
    }

    /** What an import adds: its entries, and how many of their hashes it kept, wrapped, or made from a readable password. */
    private record Import(List<RealmEntry> entries, int kept, int wrapped, int hashed) {}

    private int importAll(Users users, Import imported, Arguments a) throws Failure {
        List<RealmEntry> entries = imported.entries();
        Map<String, RealmEntry> existing = new java.util.HashMap<>();
        users.entries().forEach(e -> existing.putIfAbsent(UserName.key(e.name()), e));
        for (RealmEntry entry : entries) {
            RealmEntry there = existing.get(UserName.key(entry.name()));
            if (there != null) {
                throw new Failure(Failure.USER_EXISTS, "user '" + RealmEntry.printable(there.name()) + "' already exists" + line(there)
                        + " (the import's line " + entry.line() + "); nothing was imported");
            }
        }
        users.addAll(entries);
        for (RealmEntry entry : entries) {
            Audit.usersChanged("import", entry.name(), users.where(), String.join(",", entry.roles()));
        }
        out.println("imported " + entries.size() + " users into " + users.where() + " (" + imported.kept() + " hashes kept as they are, "
                + imported.wrapped() + " weak ones wrapped in Argon2id" + (imported.hashed() > 0 ? ", " + imported.hashed()
                + " readable passwords hashed" : "") + "); each becomes Argon2id at its next login");
        return 0;
    }

    private static String line(RealmEntry entry) {
        return entry.line() > 0 ? " (line " + entry.line() + ")" : "";
    }

    /**
     * The version and commit this command's jar was built from, as its manifest says them
     * ({@code unknown} when it runs from classes, not its jar).
     */
    static String version() {
        try {
            java.net.URL where = UsersCommand.class.getProtectionDomain().getCodeSource().getLocation();
            Path jar = Path.of(where.toURI());
            if (Files.isRegularFile(jar)) {
                try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
                    java.util.jar.Attributes main = file.getManifest() == null ? new java.util.jar.Attributes() : file.getManifest().getMainAttributes();
                    return said(main.getValue("Implementation-Version")) + " (commit " + said(main.getValue("Implementation-Commit")) + ")";
                }
            }
        } catch (IOException | java.net.URISyntaxException | SecurityException unreadable) {
            // say what is known: nothing
        }
        return "unknown (commit unknown)";
    }

    private static String said(String value) {
        return value == null || value.isBlank() || value.startsWith("${") ? "unknown" : value.strip(); // ${...}: built outside Git
    }

    /** A hash for a realm file written by hand (the deploy steps do): no file is read or written. */
    private int hash(Arguments a) throws Failure {
        if (!a.positional.isEmpty()) {
            throw new Failure(Failure.USAGE, "hash takes no arguments; passwords are never taken from the command line");
        }
        String password = typedPassword("the hash");
        // no user is named, and the hash sets no password by itself: the policy warns here and decides at add and passwd
        policy().refusal("", password).ifPresent(refusal -> err.println("secure-rest-api-users: warning: the password policy would"
                + " refuse this password (" + ruleName(refusal) + "): add, passwd and the change endpoint do not take it"));
        out.println(newHash(password));
        return 0;
    }

    private static RealmEntry existing(Users users, String user) throws Failure {
        List<RealmEntry> entries = users.entries();
        return entries.stream().filter(e -> e.name().equals(user)).findFirst().orElseThrow(() -> new Failure(Failure.NO_SUCH_USER,
                "no user '" + user + "'" + entries.stream().filter(e -> UserName.key(e.name()).equals(UserName.key(user))).findFirst()
                        .map(e -> " (there is '" + RealmEntry.printable(e.name()) + "'; a name is given exactly as stored)").orElse("")));
    }

    /** A new hash in the default scheme, Argon2id, with the parameters this machine's settings give. */
    private static String newHash(String password) throws Failure {
        return PasswordHash.of(password, argon2()).stored();
    }

    private static Settings.Argon2 argon2() throws Failure {
        try {
            return Settings.current().argon2();
        } catch (Settings.InvalidSetting e) {
            throw new Failure(Failure.USAGE, e.getMessage());
        }
    }

    private static List<String> roles(String list) throws Failure {
        LinkedHashSet<String> roles = new LinkedHashSet<>();
        for (String role : list.split(",", -1)) {
            String trimmed = role.trim();
            if (!Settings.ROLES.contains(trimmed)) {
                throw new Failure(Failure.USAGE, "unknown role '" + trimmed + "': this application knows "
                        + String.join(", ", Settings.ROLES));
            }
            roles.add(trimmed);
        }
        return new ArrayList<>(roles);
    }

    /** A new password: typed twice at the console, or one line of standard input. */
    private String typedPassword(String user) throws Failure {
        if (console != null) {
            String password = check(read(console, "New password for " + user + ": "));
            String again = read(console, "Repeat it: ");
            if (!password.equals(again)) {
                throw new Failure(Failure.BAD_PASSWORD, "the two passwords differ; nothing was changed");
            }
            return password;
        }
        return check(fromStdin());
    }

    /** A new password for {@code user}, as {@link #typedPassword}, that passes the password policy. */
    private String newPassword(String user) throws Failure {
        String password = typedPassword(user);
        Optional<PasswordPolicy.Refusal> refusal = policy().refusal(user, password);
        if (refusal.isPresent()) {
            throw new Failure(Failure.BAD_PASSWORD, refusal.get().message() + " (" + ruleName(refusal.get())
                    + "; docs/security.md, Password policy); nothing was changed");
        }
        return password;
    }

    /** The policy of this command's settings; an invalid setting is a usage error. */
    private static PasswordPolicy policy() throws Failure {
        try {
            return PasswordPolicy.current();
        } catch (Settings.InvalidSetting e) {
            throw new Failure(Failure.USAGE, e.getMessage());
        }
    }

    private static String ruleName(PasswordPolicy.Refusal refusal) {
        return refusal.rule().name().toLowerCase(java.util.Locale.ROOT);
    }

    private String password(String prompt) throws Failure {
        String password = console != null ? read(console, prompt) : fromStdin();
        if (password.isEmpty()) {
            throw new Failure(Failure.BAD_PASSWORD, "no password given");
        }
        return password;
    }

    private static String check(String password) throws Failure {
        if (password.isEmpty()) {
            throw new Failure(Failure.BAD_PASSWORD, "empty password: type one, or pipe one line to standard input; nothing was changed");
        }
        if (hasControlCharacters(password)) {
            throw new Failure(Failure.BAD_PASSWORD, "the password holds control characters, which HTTP Basic cannot carry (RFC 7617); nothing was changed");
        }
        return password;
    }

    private static boolean hasControlCharacters(String password) {
        return password.chars().anyMatch(Character::isISOControl);
    }

    private static String read(Console console, String prompt) {
        char[] typed = console.readPassword(prompt);
        return typed == null ? "" : new String(typed);
    }

    private String fromStdin() throws Failure {
        try {
            String line = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)).readLine();
            return line == null ? "" : line;
        } catch (IOException e) {
            throw new Failure(Failure.BAD_PASSWORD, "cannot read the password from standard input: " + e.getMessage());
        }
    }

    private Path defaultFile() throws Failure {
        List<Path> candidates = new ArrayList<>();
        for (String base : new String[] {"CATALINA_BASE", "CATALINA_HOME"}) {
            if (env.get(base) != null) {
                candidates.add(Path.of(env.get(base), "conf", "secure-rest-api-users.xml"));
                break;
            }
        }
        if (env.get("JETTY_BASE") != null) {
            candidates.add(Path.of(env.get("JETTY_BASE"), "etc", "secure-rest-api-realm.properties"));
        }
        List<Path> existing = candidates.stream().filter(Files::isRegularFile).toList();
        if (existing.size() == 1) {
            return existing.get(0);
        }
        throw new Failure(Failure.USAGE, existing.isEmpty()
                ? "which realm file? Give --file FILE (no users file under $CATALINA_BASE or $JETTY_BASE)"
                : "which realm file? Both " + existing.get(0) + " and " + existing.get(1) + " exist; give --file FILE");
    }

    /** The command line: options anywhere, then the command and its operands. */
    private static final class Arguments {
        String file;
        RealmFile.Format format;
        String roles;
        String digest;
        String pbkdf2;
        boolean database;
        String databaseConfig;
        boolean help;
        boolean version;
        String command;
        final List<String> positional = new ArrayList<>();

        static Arguments parse(String[] args) throws Failure {
            Arguments a = new Arguments();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--file", "-f" -> a.file = value(args, ++i, arg);
                    case "--format" -> a.format = format(value(args, ++i, arg));
                    case "--roles" -> a.roles = value(args, ++i, arg);
                    case "--digest" -> a.digest = checked(value(args, ++i, arg), ForeignHash::knownDigest,
                            "--digest is MD5, SHA-1, SHA-256, SHA-384, SHA-512, PBKDF2WithHmacSHA1, PBKDF2WithHmacSHA256, PBKDF2WithHmacSHA512 or plain");
                    case "--pbkdf2" -> a.pbkdf2 = checked(value(args, ++i, arg), ForeignHash::knownPbkdf2,
                            "--pbkdf2 is ALGORITHM:ITERATIONS:SALT_BYTES, e.g. PBKDF2WithHmacSHA256:310000:16");
                    case "--database" -> a.database = true;
                    case "--database-config" -> a.databaseConfig = value(args, ++i, arg);
                    case "--help", "-h" -> a.help = true;
                    case "--version" -> a.version = true;
                    default -> {
                        if (arg.startsWith("--password") || arg.startsWith("-p")) {
                            throw new Failure(Failure.USAGE, "passwords are never taken from the command line (others can read it"
                                    + " in the process list); type it when asked, or pipe it to standard input");
                        }
                        if (arg.startsWith("-") && !arg.equals("-")) {
                            throw new Failure(Failure.USAGE, "unknown option '" + arg + "'\n" + USAGE);
                        }
                        if (a.command == null) {
                            a.command = arg;
                        } else {
                            a.positional.add(arg);
                        }
                    }
                }
            }
            return a;
        }

        /** The user operand, checking that the command got exactly {@code count} operands. */
        String user(int count) throws Failure {
            if (positional.size() != count) {
                throw new Failure(Failure.USAGE, command + " takes " + (count == 1 ? "USER" : "USER ROLE[,ROLE...]")
                        + (positional.size() > count ? "; passwords are never taken from the command line" : "")
                        + "\n" + USAGE);
            }
            return positional.get(0);
        }

        private static String value(String[] args, int i, String option) throws Failure {
            if (i >= args.length) {
                throw new Failure(Failure.USAGE, option + " needs a value");
            }
            return args[i];
        }

        private static String checked(String value, java.util.function.Predicate<String> valid, String otherwise) throws Failure {
            if (!valid.test(value)) {
                throw new Failure(Failure.USAGE, otherwise + ", not '" + value + "'");
            }
            return value;
        }

        private static RealmFile.Format format(String name) throws Failure {
            return switch (name) {
                case "jetty" -> RealmFile.Format.JETTY;
                case "tomcat" -> RealmFile.Format.TOMCAT;
                default -> throw new Failure(Failure.USAGE, "--format is jetty or tomcat, not '" + name + "'");
            };
        }
    }
}
