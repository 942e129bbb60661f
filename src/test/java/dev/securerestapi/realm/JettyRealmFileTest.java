package dev.securerestapi.realm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JettyRealmFileTest {

    private static final String FILE = """
            # operators' notes stay
            admin: h-admin, admin, user
            ! another comment style

            roy = h-roy,user
            long\\
              name: h-long, \\
                user
            esc\\u00e9: h-esc
            """;

    private static JettyRealmFile parse(String text) throws MalformedRealmFile {
        return JettyRealmFile.parse(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String text(RealmFile file) {
        return new String(file.content(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void readsEntriesAsPropertiesThenJettyDo() throws Exception {
        List<RealmEntry> entries = parse(FILE).entries();
        assertEquals(List.of("admin", "roy", "longname", "escé"), entries.stream().map(RealmEntry::name).toList());
        assertEquals(new RealmEntry("admin", "h-admin", List.of("admin", "user"), 2), entries.get(0));
        assertEquals(List.of("user"), entries.get(1).roles());
        assertEquals("h-long", entries.get(2).stored());
        assertEquals(List.of("user"), entries.get(2).roles());
        assertEquals(6, entries.get(2).line());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "admin: h, admin\\nroy\\n| 2 | user 'roy' has no password hash",
        "admin:\\n| 1 | user 'admin' has no password hash",
        "admin: , admin\\n| 1 | user 'admin' has no password hash",
        "x\\\\u12: h\\n| 1 | a \\\\u escape without four hex digits",
        "roy: h1\\n# c\\nroy: h2\\n| 3 | user 'roy' again (first at line 1)",
        ": h\\n| 1 | no user name before the separator"})
    void malformedFilesSayWhereAndWhy(String text, int line, String reason) {
        MalformedRealmFile e = assertThrows(MalformedRealmFile.class,
                () -> parse(text.replace("\\n", "\n").replace("\\\\", "\\")));
        assertEquals(line, e.line());
        assertTrue(e.reason().startsWith(reason.replace("\\\\", "\\")), e.reason());
    }

    @Test
    void editsChangeOnlyTheirUsersLines() throws Exception {
        JettyRealmFile file = parse(FILE);
        assertEquals(FILE.replace("roy = h-roy,user", "roy: h-new, user"), text(file.withPassword("roy", "h-new")));
        assertEquals(FILE.replace("roy = h-roy,user", "roy: h-roy, admin, user"), text(file.withRoles("roy", List.of("admin", "user"))));
        assertEquals(FILE.replace("long\\\n  name: h-long, \\\n    user\n", ""), text(file.without("longname")));
        assertEquals(FILE + "grace: h-grace, user\n", text(file.withAdded("grace", "h-grace", List.of("user"))));
    }

    @Test
    void aPhcStringKeepsTheCommasOfItsParametersAndTheRolesFollowIt() throws Exception {
        String argon2 = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
        RealmEntry roy = parse("roy: " + argon2 + ", user, admin\nann: " + argon2 + "\n").entries().get(0);
        assertEquals(argon2, roy.stored());
        assertEquals(List.of("user", "admin"), roy.roles());
        assertEquals(List.of(), parse("ann: " + argon2 + "\n").entries().get(0).roles());
        String scrypt = "$scrypt$ln=17,r=8,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
        assertEquals(scrypt, parse("eve: " + scrypt + ",user").entries().get(0).stored());
        assertEquals("h", parse("joe: h,x=1, user").entries().get(0).stored(), "a plain credential ends at its first comma");
        RealmFile added = parse("roy: h\n").withAdded("grace", argon2, List.of("user"));
        assertEquals(argon2, added.entry("grace").orElseThrow().stored());
        assertEquals(List.of("user"), added.entry("grace").orElseThrow().roles());
    }

    @Test
    void addingToAFileWithoutAFinalLineBreakStartsANewLine() throws Exception {
        assertEquals("admin: h\ngrace: g\n", text(parse("admin: h").withAdded("grace", "g", List.of())));
    }

    @Test
    void keepsWindowsLineEndingsAndBytesOutsideAscii() throws Exception {
        byte[] content = "# caf\u00e9\r\nroy: h\r\nadmin: a\r\n".getBytes(StandardCharsets.ISO_8859_1);
        RealmFile edited = JettyRealmFile.parse(content).withPassword("roy", "h2");
        assertArrayEquals("# caf\u00e9\r\nroy: h2\r\nadmin: a\r\n".getBytes(StandardCharsets.ISO_8859_1), edited.content());
    }
}
