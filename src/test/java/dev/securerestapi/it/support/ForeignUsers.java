package dev.securerestapi.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.MessageDigestPasswordEncoder;
import org.springframework.security.crypto.password.NoOpPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.crypto.password.Pbkdf2PasswordEncoder;
import org.springframework.security.crypto.scrypt.SCryptPasswordEncoder;

/**
 * Users files of every format {@code users import} reads, each written by the tool that writes it
 * for real: Apache's {@code htpasswd} (Debian's apache2-utils), Jetty's password tool (the stock
 * distribution's {@code lib/jetty-util}), Tomcat's {@code bin/digest.sh} (the stock distribution's),
 * and Spring Security's encoders (spring-security-crypto, a test dependency). Each user's password
 * is its name followed by {@code -pass}.
 *
 * @param file the file
 * @param options what {@code import} needs besides the file ({@code --digest}, {@code --pbkdf2})
 * @param users the users it holds, each with the scheme {@code list} shows after the import
 */
public record ForeignUsers(Path file, List<String> options, Map<String, String> users) {

    private static final java.util.function.Supplier<List<ForeignUsers>> EVERY_FORMAT = Containers.memoize(() -> {
        try {
            return everyFormat(Files.createDirectories(ItConfig.freshWorkDir("foreign-users")), "imp-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    });

    /** One file of each kind, made once per test JVM (the users are {@code imp-...}): each test imports them into a store of its own. */
    public static List<ForeignUsers> everyFormat() {
        return EVERY_FORMAT.get();
    }

    /** One file of each kind in {@code dir}, user names starting with {@code prefix}. */
    private static List<ForeignUsers> everyFormat(Path dir, String prefix) throws IOException {
        return List.of(htpasswd(dir, prefix), jetty(dir, prefix), tomcat(dir, prefix, "SHA-256", "-s", "16", "-i", "1000"),
                tomcat(dir, prefix, "MD5", "-s", "0", "-i", "1"),
                tomcat(dir, prefix, "PBKDF2WithHmacSHA512", "-h", "org.apache.catalina.realm.SecretKeyCredentialHandler", "-s", "16",
                        "-i", "210000", "-k", "256"),
                spring(dir, prefix));
    }

    public static String password(String user) {
        return String.format("pass-%08x", user.hashCode()); // never the name: the password policy refuses that
    }

    private static ForeignUsers htpasswd(Path dir, String prefix) {
        Path file = dir.resolve(prefix + "htpasswd");
        Map<String, String> users = new java.util.LinkedHashMap<>();
        String[][] kinds = {{"bcrypt", "bcrypt", "-B", "-C", "10"}, {"apr1", "argon2id(apr1)", "-m"}, {"sha", "argon2id(sha1)", "-s"},
            {"crypt", "argon2id(crypt)", "-d"}, {"bcrypt5", "argon2id(bcrypt)", "-B", "-C", "5"}};
        for (String[] kind : kinds) {
            String user = prefix + kind[0];
            List<String> command = new ArrayList<>(List.of("htpasswd", "-i"));
            if (!Files.exists(file)) {
                command.add("-c");
            }
            command.addAll(List.of(kind).subList(2, kind.length));
            command.addAll(List.of(file.toString(), user));
            run(command, password(user));
            users.put(user, kind[1]);
        }
        return new ForeignUsers(file, List.of(), users);
    }

    /** A Jetty realm file whose entries Jetty's password tool made: OBF:, MD5: and CRYPT:. */
    private static ForeignUsers jetty(Path dir, String prefix) throws IOException {
        Path jettyUtil;
        try (var jars = Files.list(StockContainers.jettyHome().resolve("lib"))) {
            jettyUtil = jars.filter(jar -> jar.getFileName().toString().matches("jetty-util-12[0-9.]*\\.jar")).findFirst().orElseThrow();
        }
        StringBuilder realm = new StringBuilder("# made by Jetty's password tool\n");
        Map<String, String> users = new java.util.LinkedHashMap<>();
        for (String[] kind : new String[][] {{"jobf", "OBF:", "argon2id"}, {"jmd5", "MD5:", "argon2id(digest)"}, {"jcrypt", "CRYPT:", "argon2id(crypt)"}}) {
            String user = prefix + kind[0];
            String output = run(List.of("java", "-cp", jettyUtil.toString(), "org.eclipse.jetty.util.security.Password", user, password(user)), null);
            String credential = output.lines().filter(line -> line.startsWith(kind[1])).findFirst()
                    .orElseThrow(() -> new IllegalStateException("Jetty's password tool printed no " + kind[1] + ":\n" + output));
            realm.append(user).append(": ").append(credential).append(", user\n");
            users.put(user, kind[2]);
        }
        Path file = Files.writeString(dir.resolve(prefix + "jetty-realm.properties"), realm, StandardCharsets.UTF_8);
        return new ForeignUsers(file, List.of(), users);
    }

    /** A Tomcat users file whose one password digest.sh made with {@code algorithm} and {@code arguments}. */
    private static ForeignUsers tomcat(Path dir, String prefix, String algorithm, String... arguments) throws IOException {
        String user = prefix + "t" + algorithm.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "");
        List<String> command = new ArrayList<>(List.of(StockContainers.tomcatHome().resolve("bin/digest.sh").toString(), "-a", algorithm));
        command.addAll(List.of(arguments));
        command.add(password(user));
        String output = run(command, null).strip();
        String digest = output.lines().filter(line -> line.startsWith(password(user) + ":")).findFirst()
                .orElseThrow(() -> new IllegalStateException("digest.sh printed no digest:\n" + output)).substring(password(user).length() + 1);
        Path file = Files.writeString(dir.resolve(prefix + "tomcat-users-" + algorithm + ".xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <tomcat-users xmlns="http://tomcat.apache.org/xml" version="1.0">
                  <user username="%s" password="%s" roles="user"/>
                </tomcat-users>
                """.formatted(user, digest), StandardCharsets.UTF_8);
        return new ForeignUsers(file, List.of("--digest", algorithm), Map.of(user, "argon2id(" + (algorithm.startsWith("PBKDF2") ? "pbkdf2" : "digest") + ")"));
    }

    /** Spring Security's users.properties ({@code name=password,authorities}) in its delegating format, one user per encoder. */
    private static ForeignUsers spring(Path dir, String prefix) throws IOException {
        record Kind(String user, String id, PasswordEncoder encoder, String scheme) {}
        List<Kind> kinds = List.of(new Kind("sbcrypt", "bcrypt", new BCryptPasswordEncoder(), "bcrypt"),
                new Kind("sargon2", "argon2", Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(), "argon2id(argon2id)"),
                new Kind("sscrypt", "scrypt", SCryptPasswordEncoder.defaultsForSpringSecurity_v5_8(), "argon2id(scrypt)"),
                new Kind("sscrypt17", "scrypt", new SCryptPasswordEncoder(1 << 17, 8, 1, 32, 16), "scrypt"), // OWASP's minimum: kept
                new Kind("spbkdf2", "pbkdf2", Pbkdf2PasswordEncoder.defaultsForSpringSecurity_v5_8(), "argon2id(pbkdf2)"),
                new Kind("snoop", "noop", NoOpPasswordEncoder.getInstance(), "argon2id"),
                new Kind("smd5", "MD5", new MessageDigestPasswordEncoder("MD5"), "argon2id(spring)"),
                new Kind("ssha1", "SHA-1", new MessageDigestPasswordEncoder("SHA-1"), "argon2id(spring)"));
        StringBuilder properties = new StringBuilder("# Spring Security's users.properties\n");
        Map<String, String> users = new java.util.LinkedHashMap<>();
        for (Kind kind : kinds) {
            String user = prefix + kind.user();
            String encoded = new DelegatingPasswordEncoder(kind.id(), Map.of(kind.id(), kind.encoder())).encode(password(user));
            properties.append(user).append('=').append(encoded).append(",user,enabled\n");
            users.put(user, kind.scheme());
        }
        Path file = Files.writeString(dir.resolve(prefix + "spring-users.properties"), properties, StandardCharsets.UTF_8);
        return new ForeignUsers(file, List.of("--pbkdf2", "PBKDF2WithHmacSHA256:310000:16"), users);
    }

    private static String run(List<String> command, String stdin) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (var in = process.getOutputStream()) {
                if (stdin != null) {
                    in.write((stdin + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException(command.get(0) + " failed:\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
