package dev.securerestapi.tomcat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one strict reading of Tomcat's users file that the users database reports from. */
class UsersFileTest {

    @TempDir
    Path dir;

    @Test
    void wellFormedUsersFileIsReadable() throws IOException {
        Path file = Files.writeString(dir.resolve("users.xml"),
                "<tomcat-users><user username=\"a\" password=\"x$1$y\" roles=\"user\"/></tomcat-users>");
        UsersFile.Readable read = assertInstanceOf(UsersFile.Readable.class, UsersFile.read(file));
        assertEquals("a", read.users().get(0).name());
    }

    @Test
    void usersWhoseEntryIsNoStrongHashAreNamed() throws Exception {
        Path file = Files.writeString(dir.resolve("users.xml"), "<tomcat-users xmlns=\"http://tomcat.apache.org/xml\">"
                + "<user username=\"good\" password=\"7b9202786f2fb0ee18dc68d18c0e2b37$600000$"
                + "8292cbcc4c22e4bc5a95aac2f17b776d189692b265f4108339bc0b6fc5deadf0\" roles=\"user\"/>"
                + "<user username=\"plain\" password=\"secret\" roles=\"user\"/>"
                + "<user username=\"weak\" password=\"7b9202786f2fb0ee18dc68d18c0e2b37$1000$"
                + "8292cbcc4c22e4bc5a95aac2f17b776d189692b265f4108339bc0b6fc5deadf0\"/>"
                + "<user username=\"Grace\" password=\"7b9202786f2fb0ee18dc68d18c0e2b37$600000$"
                + "8292cbcc4c22e4bc5a95aac2f17b776d189692b265f4108339bc0b6fc5deadf0\"/>"
                + "<user username=\"slow\" password=\"7b9202786f2fb0ee18dc68d18c0e2b37$1200000$"
                + "8292cbcc4c22e4bc5a95aac2f17b776d189692b265f4108339bc0b6fc5deadf0\"/></tomcat-users>");
        UsersFile.Readable read = assertInstanceOf(UsersFile.Readable.class, UsersFile.read(file));
        assertEquals(List.of("plain", "weak", "Grace"), List.copyOf(read.refused().keySet()));
        read.refused().values().forEach(line -> assertTrue(!line.contains("8292cbcc"), "names only, never the entries: " + line));
        assertTrue(read.refused().get("Grace").contains("(that would be 'grace')"), read.refused().get("Grace"));
        assertEquals(1_200_000, read.unknownUser().iterations(), "an unknown name costs the slowest usable entry");
    }

    @Test
    void missingFileIsNamedAsMissing() {
        assertEquals(new UsersFile.Unusable(": no such file"), UsersFile.read(dir.resolve("absent.xml")));
    }

    @Test
    void malformedFileIsReportedWithLineAndColumn() throws IOException {
        Path file = Files.writeString(dir.resolve("users.xml"), "<tomcat-users>\n<user username=\"a\"\n");
        String where = assertInstanceOf(UsersFile.Unusable.class, UsersFile.read(file)).where();
        assertTrue(where.matches(" line [0-9]+: not well-formed XML \\(column [0-9]+\\): .*"), where);
    }

    @Test
    void documentTypeDeclarationsAreRefusedNotFollowed() throws IOException {
        Path file = Files.writeString(dir.resolve("users.xml"),
                "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><tomcat-users>&e;</tomcat-users>");
        assertInstanceOf(UsersFile.Unusable.class, UsersFile.read(file));
    }
}
