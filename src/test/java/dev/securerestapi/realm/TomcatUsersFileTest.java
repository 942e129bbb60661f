package dev.securerestapi.realm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TomcatUsersFileTest {

    private static final String FILE = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!-- not a user: <user username="ghost" password="x"/> -->
            <tomcat-users xmlns="http://tomcat.apache.org/xml" version="1.0">
              <user username="admin" password="h-admin" roles="admin,user"/>
              <!-- Grüße: roy reads -->
              <user username='roy' roles="user" password="h-roy"/>
              <user name="old" password="h-old"/>
            </tomcat-users>
            """;

    private static TomcatUsersFile parse(String text) throws MalformedRealmFile {
        return TomcatUsersFile.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(RealmFile file) {
        return new String(file.content(), StandardCharsets.UTF_8);
    }

    @Test
    void readsUsersAsTomcatDoesAndNotThoseInComments() throws Exception {
        List<RealmEntry> entries = parse(FILE).entries();
        assertEquals(List.of(new RealmEntry("admin", "h-admin", List.of("admin", "user"), 4),
                new RealmEntry("roy", "h-roy", List.of("user"), 6),
                new RealmEntry("old", "h-old", List.of(), 7)), entries);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "<tomcat-users><user username='a' password='x'> | 1 | not well-formed XML",
        "<users/> | 1 | the root element is <users>, not <tomcat-users>",
        "<tomcat-users>\\n<user password='x'/></tomcat-users> | 2 | a <user> without a username",
        "<tomcat-users>\\n<user username='a' roles='user'/></tomcat-users> | 2 | user 'a' has no password attribute",
        "<tomcat-users>\\n<user username='a' password='x'/>\\n<user username='a' password='y'/></tomcat-users> | 3 | user 'a' again (first at line 2)"})
    void malformedFilesSayWhereAndWhy(String text, int line, String reason) {
        MalformedRealmFile e = assertThrows(MalformedRealmFile.class, () -> parse(text.replace("\\n", "\n")));
        assertEquals(line, e.line());
        assertTrue(e.reason().startsWith(reason), e.reason());
    }

    @Test
    void editsChangeOnlyTheirUsersTag() throws Exception {
        TomcatUsersFile file = parse(FILE);
        assertEquals(FILE.replace("password=\"h-roy\"", "password=\"h-new\""), text(file.withPassword("roy", "h-new")));
        assertEquals(FILE.replace("roles=\"user\" password=\"h-roy\"", "roles=\"admin,user\" password=\"h-roy\""),
                text(file.withRoles("roy", List.of("admin", "user"))));
        assertEquals(FILE.replace("<user name=\"old\" password=\"h-old\"/>", "<user name=\"old\" password=\"h-old\" roles=\"user\"/>"),
                text(file.withRoles("old", List.of("user"))));
        assertEquals(FILE.replace("  <user username='roy' roles=\"user\" password=\"h-roy\"/>\n", ""), text(file.without("roy")));
        assertEquals(FILE.replace("</tomcat-users>", "  <user username=\"grace\" password=\"h&amp;g\" roles=\"user\"/>\n</tomcat-users>"),
                text(file.withAdded("grace", "h&g", List.of("user"))));
    }
}
