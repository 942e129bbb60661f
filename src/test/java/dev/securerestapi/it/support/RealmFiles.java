package dev.securerestapi.it.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A container's realm file as the tests read and write it by hand, in either format. */
public final class RealmFiles {

    private RealmFiles() {}

    /** What the file stores for {@code user} now (the whole credential, without the roles), or "(none)". */
    public static String stored(Path realm, String user) {
        try {
            Matcher m = Pattern.compile("(?m)^\\s*(?:<user username=\"" + Pattern.quote(user) + "\" password=\"([^\"]+)\"|"
                    + Pattern.quote(user) + ": (" + TestUsers.STORED_HASH + "|[^,\\s]+))").matcher(Files.readString(realm, StandardCharsets.UTF_8));
            return !m.find() ? "(none)" : m.group(1) != null ? m.group(1) : m.group(2);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    /** Appends {@code user} with {@code stored} by hand, in the file's own format, the file swapped in whole. */
    public static void append(Path realm, String user, String stored, List<String> roles) throws IOException {
        String text = Files.readString(realm, StandardCharsets.UTF_8);
        String roleList = String.join(",", roles);
        String edited = text.strip().startsWith("<")
                ? text.replace("</tomcat-users>", "  <user username=\"" + user + "\" password=\"" + stored + "\" roles=\"" + roleList
                        + "\"/>\n</tomcat-users>")
                : text + (text.endsWith("\n") ? "" : "\n") + user + ": " + stored + ", " + roleList + "\n";
        Path next = Files.writeString(realm.resolveSibling(realm.getFileName() + ".next"), edited, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(next, Files.getPosixFilePermissions(realm));
        Files.move(next, realm, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** How often {@code log} says the container read {@code realm}. */
    public static int reads(String log, Path realm) {
        return log.split(Pattern.quote("users from " + realm), -1).length - 1;
    }
}
