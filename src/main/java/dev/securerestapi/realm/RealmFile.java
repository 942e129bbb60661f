package dev.securerestapi.realm;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The text of a realm file, in one of the two formats the containers read, with the edits
 * operators make. Each edit returns a new file that changes only the lines of that user: comments,
 * blank lines, order and every other entry stay byte for byte. The file parses strictly
 * ({@link MalformedRealmFile}), so nothing is edited on top of a file the container misreads.
 */
public sealed interface RealmFile permits JettyRealmFile, TomcatUsersFile {

    enum Format {
        /** Jetty's HashLoginService properties: {@code user: hash, role, ...}. */
        JETTY,
        /** Tomcat's tomcat-users.xml: {@code <user username=".." password=".." roles=".."/>}. */
        TOMCAT;

        /** Tomcat's format for a file whose first non-blank character is {@code <}, Jetty's otherwise. */
        public static Format of(byte[] content) {
            String start = new String(content, 0, Math.min(content.length, 512), StandardCharsets.ISO_8859_1);
            return start.replace("\uFEFF", "").replace("\u00EF\u00BB\u00BF", "").strip().startsWith("<") ? TOMCAT : JETTY;
        }
    }

    static RealmFile parse(Format format, byte[] content) throws MalformedRealmFile {
        return switch (format) {
            case JETTY -> JettyRealmFile.parse(content);
            case TOMCAT -> TomcatUsersFile.parse(content);
        };
    }

    /** An empty file of the format, with a comment saying what it is. */
    static RealmFile empty(Format format) {
        try {
            return switch (format) {
                case JETTY -> JettyRealmFile.parse(("# Users of the secure-rest-api realm: user: PBKDF2 hash, role, ...\n"
                        + "# Managed with secure-rest-api-users.jar; hand edits are fine too.\n").getBytes(StandardCharsets.ISO_8859_1));
                case TOMCAT -> TomcatUsersFile.parse(("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        + "<!-- Users of the secure-rest-api realm. Managed with secure-rest-api-users.jar; hand edits are fine too. -->\n"
                        + "<tomcat-users xmlns=\"http://tomcat.apache.org/xml\" version=\"1.0\">\n"
                        + "</tomcat-users>\n").getBytes(StandardCharsets.UTF_8));
            };
        } catch (MalformedRealmFile e) {
            throw new IllegalStateException(e);
        }
    }

    Format format();

    /** The users, in file order. */
    List<RealmEntry> entries();

    byte[] content();

    RealmFile withAdded(String name, String stored, List<String> roles);

    RealmFile withPassword(String name, String stored);

    RealmFile withRoles(String name, List<String> roles);

    RealmFile without(String name);

    default Optional<RealmEntry> entry(String name) {
        return entries().stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /**
     * The edited content, parsed once: it must read back as exactly {@code expected}, so what the
     * container will see is what the edit meant, or nothing is written.
     */
    static RealmFile checked(Format format, byte[] edited, List<RealmEntry> expected) {
        RealmFile reread;
        try {
            reread = parse(format, edited);
        } catch (MalformedRealmFile e) {
            throw new IllegalStateException("the edited file would not read back (" + e.getMessage() + ")");
        }
        List<RealmEntry> got = reread.entries();
        boolean same = got.size() == expected.size();
        for (int i = 0; same && i < got.size(); i++) {
            same = got.get(i).sameAs(expected.get(i));
        }
        if (!same) {
            throw new IllegalStateException("the edited file would not read back as intended");
        }
        return reread;
    }

    /** {@code entries} with {@code name}'s entry replaced by {@code replacement}, or dropped when it is null. */
    static List<RealmEntry> replacing(List<RealmEntry> entries, String name, RealmEntry replacement) {
        List<RealmEntry> result = new ArrayList<>();
        for (RealmEntry e : entries) {
            if (!e.name().equals(name)) {
                result.add(e);
            } else if (replacement != null) {
                result.add(replacement);
            }
        }
        return result;
    }
}
