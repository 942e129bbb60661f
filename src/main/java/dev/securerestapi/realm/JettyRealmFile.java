package dev.securerestapi.realm;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Jetty's realm properties file, read as Jetty's PropertyUserStore reads it (java.util.Properties:
 * ISO-8859-1, {@code #} and {@code !} comments, backslash continuations and escapes; then
 * {@code credential, role, role...}, where a PHC string's parameters keep their commas), but strictly: a line without a credential, a broken
 * backslash-u escape or a user named twice is malformed, where Jetty would guess.
 */
public final class JettyRealmFile implements RealmFile {

    private final List<String> lines;       // physical lines, each with its terminator
    private final List<RealmEntry> entries;
    private final Map<String, int[]> spans; // user -> first and last physical line (0-based)

    private JettyRealmFile(List<String> lines, List<RealmEntry> entries, Map<String, int[]> spans) {
        this.lines = lines;
        this.entries = entries;
        this.spans = spans;
    }

    public static JettyRealmFile parse(byte[] content) throws MalformedRealmFile {
        List<String> lines = split(new String(content, StandardCharsets.ISO_8859_1));
        List<RealmEntry> entries = new ArrayList<>();
        Map<String, int[]> spans = new HashMap<>();
        Map<String, Integer> firstSeen = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String first = stripLeading(content(lines.get(i)));
            if (first.isEmpty() || first.charAt(0) == '#' || first.charAt(0) == '!') {
                continue;
            }
            int start = i;
            StringBuilder logical = new StringBuilder(first);
            while (endsInContinuation(logical) && i + 1 < lines.size()) {
                logical.setLength(logical.length() - 1);
                logical.append(stripLeading(content(lines.get(++i))));
            }
            if (endsInContinuation(logical)) {
                logical.setLength(logical.length() - 1);
            }
            RealmEntry entry = entry(logical.toString(), start + 1);
            Integer earlier = firstSeen.putIfAbsent(entry.name(), start + 1);
            if (earlier != null) {
                throw new MalformedRealmFile(start + 1, "user '" + entry.name() + "' again (first at line " + earlier + ")");
            }
            entries.add(entry);
            spans.put(entry.name(), new int[] {start, i});
        }
        return new JettyRealmFile(lines, List.copyOf(entries), spans);
    }

    @Override
    public Format format() {
        return Format.JETTY;
    }

    @Override
    public List<RealmEntry> entries() {
        return entries;
    }

    @Override
    public byte[] content() {
        return bytes(lines);
    }

    @Override
    public RealmFile withAdded(String name, String stored, List<String> roles) {
        List<String> edited = new ArrayList<>(lines);
        int last = edited.size() - 1;
        if (last >= 0 && content(edited.get(last)).length() == edited.get(last).length()) {
            edited.set(last, edited.get(last) + "\n"); // the file did not end with a line break
        }
        edited.add(line(name, stored, roles) + "\n");
        List<RealmEntry> expected = new ArrayList<>(entries);
        expected.add(new RealmEntry(name, stored, roles, 0));
        return RealmFile.checked(Format.JETTY, bytes(edited), expected);
    }

    @Override
    public RealmFile withPassword(String name, String stored) {
        RealmEntry old = entry(name).orElseThrow();
        return replaced(name, new RealmEntry(name, stored, old.roles(), old.line()));
    }

    @Override
    public RealmFile withRoles(String name, List<String> roles) {
        RealmEntry old = entry(name).orElseThrow();
        return replaced(name, new RealmEntry(name, old.stored(), roles, old.line()));
    }

    @Override
    public RealmFile without(String name) {
        return replaced(name, null);
    }

    private RealmFile replaced(String name, RealmEntry replacement) {
        int[] span = spans.get(name);
        List<String> edited = new ArrayList<>(lines.subList(0, span[0]));
        if (replacement != null) {
            String lastLine = lines.get(span[1]);
            String terminator = lastLine.substring(content(lastLine).length());
            edited.add(line(name, replacement.stored(), replacement.roles()) + (terminator.isEmpty() ? "\n" : terminator));
        }
        edited.addAll(lines.subList(span[1] + 1, lines.size()));
        return RealmFile.checked(Format.JETTY, bytes(edited), RealmFile.replacing(entries, name, replacement));
    }

    private static byte[] bytes(List<String> lines) {
        return String.join("", lines).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String line(String name, String stored, List<String> roles) {
        StringBuilder line = new StringBuilder(escapeKey(name)).append(": ").append(stored);
        roles.forEach(role -> line.append(", ").append(role));
        return line.toString();
    }

    /** One logical line {@code key[:= ]value} as Properties splits it, then Jetty's value format. */
    private static RealmEntry entry(String logical, int line) throws MalformedRealmFile {
        int end = 0;
        boolean escaped = false;
        for (; end < logical.length(); end++) {
            char c = logical.charAt(end);
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '=' || c == ':' || isBlank(c)) {
                break;
            }
        }
        String name = unescape(logical.substring(0, end), line).trim();
        int value = end;
        while (value < logical.length() && isBlank(logical.charAt(value))) {
            value++;
        }
        if (value < logical.length() && (logical.charAt(value) == '=' || logical.charAt(value) == ':')) {
            value++;
        }
        String rest = unescape(logical.substring(value), line);
        if (name.isEmpty()) {
            throw new MalformedRealmFile(line, "no user name before the separator");
        }
        int credentialEnd = credentialEnd(rest);
        String stored = rest.substring(0, credentialEnd).trim();
        if (stored.isEmpty()) {
            throw new MalformedRealmFile(line, "user '" + name + "' has no password hash (expected user: hash, role, ...)");
        }
        List<String> roles = new ArrayList<>();
        for (String role : credentialEnd < rest.length() ? rest.substring(credentialEnd + 1).split(",", -1) : new String[0]) {
            if (!role.isBlank()) {
                roles.add(role.trim());
            }
        }
        return new RealmEntry(name, stored, roles, line);
    }

    /**
     * Where the credential ends: at the first comma, except inside a PHC string's parameter list
     * ({@code $argon2id$v=19$m=19456,t=2,p=1$...}), whose commas are each followed by a
     * {@code name=}, which no role is.
     */
    private static int credentialEnd(String value) {
        String credential = value.stripLeading();
        boolean phc = credential.startsWith("$") || (credential.startsWith("{") && credential.contains("}$"));
        int comma = value.indexOf(',');
        while (phc && comma >= 0 && PARAMETER.matcher(value).region(comma + 1, value.length()).lookingAt()) {
            comma = value.indexOf(',', comma + 1);
        }
        return comma < 0 ? value.length() : comma;
    }

    private static final Pattern PARAMETER = Pattern.compile("[a-z0-9-]+=");

    private static String unescape(String text, int line) throws MalformedRealmFile {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (++i == text.length()) {
                break;
            }
            char next = text.charAt(i);
            switch (next) {
                case 't' -> out.append('\t');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    if (i + 4 >= text.length() || !text.substring(i + 1, i + 5).chars().allMatch(JettyRealmFile::isHex)) {
                        throw new MalformedRealmFile(line, "a \\u escape without four hex digits");
                    }
                    out.append((char) Integer.parseInt(text.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> out.append(next);
            }
        }
        return out.toString();
    }

    private static String escapeKey(String name) {
        StringBuilder out = new StringBuilder();
        for (char c : name.toCharArray()) {
            if (c == '\\' || c == ':' || c == '=' || c == ' ' || c == '#' || c == '!') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                out.append(String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static List<String> split(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                lines.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    /** A physical line without its terminator. */
    private static String content(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == '\n' || line.charAt(end - 1) == '\r')) {
            end--;
        }
        return line.substring(0, end);
    }

    private static boolean endsInContinuation(CharSequence line) {
        int backslashes = 0;
        for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }

    private static boolean isHex(int c) {
        return Character.digit(c, 16) >= 0 && c < 0x80;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\f';
    }

    private static String stripLeading(String line) {
        int i = 0;
        while (i < line.length() && isBlank(line.charAt(i))) {
            i++;
        }
        return line.substring(i);
    }
}
