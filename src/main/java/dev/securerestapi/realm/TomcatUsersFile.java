package dev.securerestapi.realm;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;

import org.xml.sax.Attributes;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Tomcat's users file (tomcat-users.xml format), read as Tomcat's MemoryUserDatabase reads it
 * ({@code <user username=".." password=".." roles="a,b"/>} under {@code <tomcat-users>}), but
 * strictly: XML that is not well-formed, a user without a name or password, or a user named twice
 * is malformed. Edits rewrite only the one {@code <user/>} tag they concern.
 */
public final class TomcatUsersFile implements RealmFile {

    private static final Pattern ENCODING = Pattern.compile("^\\s*<\\?xml[^>]*encoding\\s*=\\s*[\"']([A-Za-z0-9._-]+)[\"']");
    private static final Pattern ATTRIBUTE = Pattern.compile("([A-Za-z_:][-A-Za-z0-9_:.]*)\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)')");

    private final String text;
    private final Charset charset;
    private final List<RealmEntry> entries;

    private TomcatUsersFile(String text, Charset charset, List<RealmEntry> entries) {
        this.text = text;
        this.charset = charset;
        this.entries = entries;
    }

    public static TomcatUsersFile parse(byte[] content) throws MalformedRealmFile {
        Charset charset = charsetOf(content);
        Reader reader = new Reader();
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.newSAXParser().parse(new ByteArrayInputStream(content), reader);
        } catch (SAXParseException e) {
            throw new MalformedRealmFile(e.getLineNumber(), "not well-formed XML (column " + e.getColumnNumber() + "): "
                    + e.getMessage().replaceFirst("\\.$", ""));
        } catch (Malformed e) {
            throw e.reason;
        } catch (SAXException | IOException | ParserConfigurationException e) {
            throw new MalformedRealmFile(1, "unreadable XML: " + e.getMessage());
        }
        String text = new String(content, charset);
        return new TomcatUsersFile(text, charset, List.copyOf(reader.entries));
    }

    @Override
    public Format format() {
        return Format.TOMCAT;
    }

    @Override
    public List<RealmEntry> entries() {
        return entries;
    }

    @Override
    public byte[] content() {
        return text.getBytes(charset);
    }

    @Override
    public RealmFile withAdded(String name, String stored, List<String> roles) {
        int rootEnd = text.lastIndexOf("</");
        int lineStart = text.lastIndexOf('\n', rootEnd - 1) + 1;
        boolean ownLine = text.substring(lineStart, rootEnd).isBlank();
        String indent = indentOfLastUser();
        String tag = "<user username=\"" + escape(name) + "\" password=\"" + escape(stored) + "\" roles=\""
                + escape(String.join(",", roles)) + "\"/>";
        String edited = ownLine
                ? text.substring(0, lineStart) + indent + tag + lineBreak() + text.substring(lineStart)
                : text.substring(0, rootEnd) + tag + text.substring(rootEnd);
        List<RealmEntry> expected = new ArrayList<>(entries);
        expected.add(new RealmEntry(name, stored, roles, 0));
        return RealmFile.checked(Format.TOMCAT, edited.getBytes(charset), expected);
    }

    @Override
    public RealmFile withPassword(String name, String stored) {
        RealmEntry old = entry(name).orElseThrow();
        return withAttribute(name, "password", stored, new RealmEntry(name, stored, old.roles(), old.line()));
    }

    @Override
    public RealmFile withRoles(String name, List<String> roles) {
        RealmEntry old = entry(name).orElseThrow();
        return withAttribute(name, "roles", String.join(",", roles), new RealmEntry(name, old.stored(), roles, old.line()));
    }

    @Override
    public RealmFile without(String name) {
        Tag tag = tagOf(name);
        int start = tag.start;
        int end = tag.end;
        int lineStart = text.lastIndexOf('\n', start - 1) + 1;
        int lineEnd = text.indexOf('\n', end);
        lineEnd = lineEnd < 0 ? text.length() : lineEnd + 1;
        if (text.substring(lineStart, start).isBlank() && text.substring(end, lineEnd).isBlank()) {
            start = lineStart;
            end = lineEnd;
        }
        String edited = text.substring(0, start) + text.substring(end);
        return RealmFile.checked(Format.TOMCAT, edited.getBytes(charset), RealmFile.replacing(entries, name, null));
    }

    private RealmFile withAttribute(String name, String attribute, String value, RealmEntry replacement) {
        Tag tag = tagOf(name);
        String tagText = text.substring(tag.start, tag.end);
        Matcher m = ATTRIBUTE.matcher(tagText);
        String editedTag = null;
        while (m.find()) {
            if (m.group(1).equals(attribute)) {
                int valueStart = m.group(2) != null ? m.start(2) : m.start(3);
                int valueEnd = m.group(2) != null ? m.end(2) : m.end(3);
                editedTag = tagText.substring(0, valueStart) + escape(value) + tagText.substring(valueEnd);
                break;
            }
        }
        if (editedTag == null) {
            int close = tagText.endsWith("/>") ? tagText.length() - 2 : tagText.length() - 1;
            editedTag = tagText.substring(0, close).stripTrailing() + " " + attribute + "=\"" + escape(value) + "\""
                    + tagText.substring(close);
        }
        String edited = text.substring(0, tag.start) + editedTag + text.substring(tag.end);
        return RealmFile.checked(Format.TOMCAT, edited.getBytes(charset), RealmFile.replacing(entries, name, replacement));
    }

    /** The {@code <user .../>} tag of a user, found by scanning past comments, CDATA and processing instructions. */
    private Tag tagOf(String name) {
        for (Tag tag : userTags()) {
            Map<String, String> attributes = attributes(text.substring(tag.start, tag.end));
            String user = attributes.containsKey("username") ? attributes.get("username") : attributes.get("name");
            if (name.equals(user)) {
                if (!tag.empty) {
                    throw new IllegalStateException("user '" + name + "' is written as <user>...</user>; edit that entry by hand");
                }
                return tag;
            }
        }
        throw new IllegalStateException("no <user/> tag for '" + name + "'");
    }

    private record Tag(int start, int end, boolean empty) {}

    private List<Tag> userTags() {
        List<Tag> tags = new ArrayList<>();
        int depth = 0;
        int i = 0;
        while ((i = text.indexOf('<', i)) >= 0) {
            if (text.startsWith("<!--", i)) {
                i = skipPast(i, "-->");
            } else if (text.startsWith("<![CDATA[", i)) {
                i = skipPast(i, "]]>");
            } else if (text.startsWith("<?", i)) {
                i = skipPast(i, "?>");
            } else if (text.startsWith("<!", i)) {
                i = skipPast(i, ">");
            } else if (text.startsWith("</", i)) {
                depth--;
                i = skipPast(i, ">");
            } else {
                int end = tagEnd(i);
                boolean empty = text.charAt(end - 2) == '/';
                String qname = text.substring(i + 1).split("[\\s/>]", 2)[0];
                String local = qname.substring(qname.indexOf(':') + 1);
                if (depth == 1 && local.equals("user")) {
                    tags.add(new Tag(i, end, empty));
                }
                if (!empty) {
                    depth++;
                }
                i = end;
            }
        }
        return tags;
    }

    private int skipPast(int from, String end) {
        int at = text.indexOf(end, from);
        return at < 0 ? text.length() : at + end.length();
    }

    /** The offset just past the {@code >} that ends the tag at {@code start}, quotes respected. */
    private int tagEnd(int start) {
        char quote = 0;
        for (int i = start + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '>') {
                return i + 1;
            }
        }
        return text.length();
    }

    private static Map<String, String> attributes(String tag) {
        Map<String, String> attributes = new LinkedHashMap<>();
        Matcher m = ATTRIBUTE.matcher(tag);
        while (m.find()) {
            attributes.put(m.group(1), unescape(m.group(2) != null ? m.group(2) : m.group(3)));
        }
        return attributes;
    }

    private String indentOfLastUser() {
        List<Tag> tags = userTags();
        if (tags.isEmpty()) {
            return "  ";
        }
        int start = tags.get(tags.size() - 1).start;
        String before = text.substring(text.lastIndexOf('\n', start - 1) + 1, start);
        return before.isBlank() ? before : "  ";
    }

    private String lineBreak() {
        return text.contains("\r\n") ? "\r\n" : "\n";
    }

    private static String escape(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&apos;");
    }

    private static String unescape(String value) {
        Matcher m = Pattern.compile("&(#x[0-9A-Fa-f]+|#[0-9]+|amp|lt|gt|quot|apos);").matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String ref = m.group(1);
            String replacement = switch (ref) {
                case "amp" -> "&";
                case "lt" -> "<";
                case "gt" -> ">";
                case "quot" -> "\"";
                case "apos" -> "'";
                default -> Character.toString(ref.startsWith("#x")
                        ? Integer.parseInt(ref.substring(2), 16) : Integer.parseInt(ref.substring(1)));
            };
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        return m.appendTail(out).toString();
    }

    private static Charset charsetOf(byte[] content) {
        String start = new String(content, 0, Math.min(content.length, 200), StandardCharsets.ISO_8859_1);
        Matcher m = ENCODING.matcher(start.replace("\u00EF\u00BB\u00BF", ""));
        if (m.find()) {
            try {
                return Charset.forName(m.group(1));
            } catch (IllegalArgumentException e) {
                return StandardCharsets.UTF_8; // the parser reports the unknown encoding itself
            }
        }
        return StandardCharsets.UTF_8;
    }

    /** Carries a MalformedRealmFile out of the SAX callbacks. */
    private static final class Malformed extends SAXException {
        final MalformedRealmFile reason;

        Malformed(MalformedRealmFile reason) {
            super(reason.getMessage());
            this.reason = reason;
        }
    }

    private static final class Reader extends DefaultHandler {
        final List<RealmEntry> entries = new ArrayList<>();
        private final Map<String, Integer> firstSeen = new HashMap<>();
        private Locator locator;
        private int depth;

        @Override
        public void setDocumentLocator(Locator locator) {
            this.locator = locator;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) throws SAXException {
            depth++;
            int line = locator == null ? 0 : locator.getLineNumber();
            if (depth == 1 && !localName.equals("tomcat-users")) {
                throw new Malformed(new MalformedRealmFile(line, "the root element is <" + qName + ">, not <tomcat-users>"));
            }
            if (depth != 2 || !localName.equals("user")) {
                return;
            }
            String name = attributes.getValue("username") != null ? attributes.getValue("username") : attributes.getValue("name");
            if (name == null || name.isEmpty()) {
                throw new Malformed(new MalformedRealmFile(line, "a <user> without a username"));
            }
            String stored = attributes.getValue("password");
            if (stored == null || stored.isEmpty()) {
                throw new Malformed(new MalformedRealmFile(line, "user '" + name + "' has no password attribute"));
            }
            Integer earlier = firstSeen.putIfAbsent(name, line);
            if (earlier != null) {
                throw new Malformed(new MalformedRealmFile(line, "user '" + name + "' again (first at line " + earlier + ")"));
            }
            List<String> roles = new ArrayList<>();
            String list = attributes.getValue("roles");
            if (list != null) {
                for (String role : list.split(",")) {
                    if (!role.isBlank()) {
                        roles.add(role.trim());
                    }
                }
            }
            entries.add(new RealmEntry(name, stored, roles, line));
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            depth--;
        }
    }
}
