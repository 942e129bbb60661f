package dev.securerestapi.container.tomcat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsersFileCheckTest {

    @TempDir
    Path dir;

    @Test
    void wellFormedUsersFileHasNoProblem() throws IOException {
        Path file = Files.writeString(dir.resolve("users.xml"),
                "<tomcat-users><user username=\"a\" password=\"x$1$y\" roles=\"user\"/></tomcat-users>");
        assertEquals(Optional.empty(), UsersFileCheck.problemWith(file));
    }

    @Test
    void usersWhoseEntryIsNoStrongHashAreNamed() throws Exception {
        Path file = Files.writeString(dir.resolve("users.xml"), "<tomcat-users xmlns=\"http://tomcat.apache.org/xml\">"
                + "<user username=\"good\" password=\"7b9202786f2fb0ee18dc68d18c0e2b37$600000$"
                + "8292cbcc4c22e4bc5a95aac2f17b776d189692b265f4108339bc0b6fc5deadf0\" roles=\"user\"/>"
                + "<user username=\"plain\" password=\"secret\" roles=\"user\"/>"
                + "<user username=\"weak\" password=\"7b9202786f2fb0ee18dc68d18c0e2b37$1000$"
                + "8292cbcc4c22e4bc5a95aac2f17b776d189692b265f4108339bc0b6fc5deadf0\"/></tomcat-users>");
        assertEquals(java.util.List.of("plain", "weak"), UsersFileCheck.usersWithoutStrongHash(UsersFileCheck.read(file)));
        // the hash itself is never part of what is reported
    }

    @Test
    void missingFileIsNamedAsMissing() {
        assertEquals(Optional.of("no such file"), UsersFileCheck.problemWith(dir.resolve("absent.xml")));
    }

    @Test
    void malformedFileIsReportedWithLineAndColumn() throws IOException {
        Path file = Files.writeString(dir.resolve("users.xml"), "<tomcat-users>\n<user username=\"a\"\n");
        String problem = UsersFileCheck.problemWith(file).orElseThrow();
        assertTrue(problem.matches("line [0-9]+: not well-formed XML \\(column [0-9]+\\): .*"), problem);
    }

    @Test
    void documentTypeDeclarationsAreRefusedNotFollowed() throws IOException {
        Path file = Files.writeString(dir.resolve("users.xml"),
                "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><tomcat-users>&e;</tomcat-users>");
        assertTrue(UsersFileCheck.problemWith(file).isPresent());
    }
}
