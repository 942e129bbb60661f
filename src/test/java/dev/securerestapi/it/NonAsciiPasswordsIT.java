package dev.securerestapi.it;

import static dev.securerestapi.it.support.ProblemAssert.assertChallenged;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.securerestapi.it.support.Container;
import dev.securerestapi.it.support.Http;
import dev.securerestapi.it.support.ProblemAssert;
import dev.securerestapi.it.support.TestUsers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Non-ASCII passwords log in from every common client, in every container and with the WAR alone
 * in Tomcat: credentials are read as UTF-8, as ISO-8859-1 where their bytes are not UTF-8 (never
 * both ways), and compared in NFC. The users were made by the users command (the deploy guides'
 * {@code hash}) or, in embedded Jetty, by the same PBKDF2 code. Wrong passwords are interleaved
 * with right ones, so no lockout ever counts more than one failure in a row here.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.securerestapi.it.support.Containers#all")
class NonAsciiPasswordsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PRIVATE = "api/v1/private";
    private static final String MEANING = "{\"meaning_of_life\":42}";

    /**
     * Debian's Python (isolated from any other on PATH) with Debian's {@code requests}, sending a
     * {@code str} password as most Python code does. Prints what it sent and what it got, as JSON.
     */
    private static final String REQUESTS = """
            import json, sys, requests
            url, password = sys.argv[1], sys.argv[2].encode('ascii').decode('unicode_escape')
            answer = {}
            for label, pw in (('right', password), ('wrong', password + 'x'), ('again', password)):
                r = requests.get(url, auth=('ute', pw), timeout=30)
                answer[label] = {'status': r.status_code, 'body': r.text,
                                 'sent': r.request.headers['Authorization'],
                                 'challenge': r.headers.get('WWW-Authenticate')}
            print(json.dumps(answer))
            """;

    @Parameter
    Container container;

    @Test
    void pythonRequestsWithAStrPasswordLogsIn() throws Exception {
        JsonNode answer = requests(TestUsers.UTE.password());
        byte[] sent = Base64.getDecoder().decode(answer.path("right").path("sent").asText().substring("Basic ".length()));
        // what requests sends for a str password: ISO-8859-1, bytes that are not UTF-8
        assertEquals("ute:" + TestUsers.UTE.password(), new String(sent, StandardCharsets.ISO_8859_1));
        assertThrows(CharacterCodingException.class, () -> StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(sent)));

        assertEquals(200, answer.path("right").path("status").asInt(), answer::toString);
        assertEquals(MEANING, answer.path("right").path("body").asText());
        assertEquals(401, answer.path("wrong").path("status").asInt(), answer::toString);
        ProblemAssert.assertChallengeHeader(answer.path("wrong").path("challenge").asText());
        assertEquals(200, answer.path("again").path("status").asInt(), answer::toString);
    }

    @Test
    void utf8AndIso88591AndDecomposedBytesOfOnePasswordEachLogIn() {
        String composed = TestUsers.UTE.password();
        String decomposed = Normalizer.normalize(composed, Normalizer.Form.NFD);
        assertEquals("gru\u0308\u00dfe-pass", decomposed);
        record Form(String name, byte[] right, byte[] wrong) {}
        List<Form> forms = List.of(
                new Form("UTF-8", utf8("ute:" + composed), utf8("ute:" + composed + "x")),
                new Form("ISO-8859-1", latin1("ute:" + composed), latin1("ute:" + composed + "x")),
                new Form("NFD in UTF-8", utf8("ute:" + decomposed), utf8("ute:" + decomposed + "x")));
        Http http = new Http(container);
        for (Form form : forms) {
            assertEquals(200, get(http, form.right()).statusCode(), form.name());
            assertEquals(MEANING, get(http, form.right()).body(), form.name());
            assertChallenged(get(http, form.wrong()));
        }
        assertEquals(200, get(http, utf8("ute:" + composed)).statusCode(), "still not locked");
    }

    @Test
    void aPasswordsUtf8BytesNeverLogInAsWhatTheySpellInIso88591() {
        Http http = new Http(container);
        // mojo's password is Ã¼ber-pass, which is what the UTF-8 bytes of über-pass spell in ISO-8859-1
        assertEquals(new String(utf8("\u00fcber-pass"), StandardCharsets.ISO_8859_1), TestUsers.MOJO.password());
        assertEquals(200, get(http, utf8("mojo:" + TestUsers.MOJO.password())).statusCode(), "mojo's own password, in UTF-8");
        assertChallenged(get(http, utf8("mojo:\u00fcber-pass")));
        assertEquals(200, get(http, utf8("mojo:" + TestUsers.MOJO.password())).statusCode());
    }

    private static java.net.http.HttpResponse<String> get(Http http, byte[] pair) {
        return http.send(http.request(PRIVATE).header("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair)).GET());
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private JsonNode requests(String password) throws IOException, InterruptedException {
        // the password goes as \\u escapes: argv's encoding is the locale's, which CI does not set
        StringBuilder escaped = new StringBuilder();
        password.chars().forEach(c -> escaped.append(c < 0x80 ? String.valueOf((char) c) : String.format("\\u%04x", c)));
        Process python = new ProcessBuilder("/usr/bin/python3", "-I", "-c", REQUESTS,
                container.baseUri().resolve(PRIVATE).toString(), escaped.toString())
                .redirectErrorStream(true).start();
        String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!python.waitFor(60, TimeUnit.SECONDS) || python.exitValue() != 0) {
            throw new AssertionError("Debian's python3 with python3-requests (src/test/setup/test-tools.sh installs them) failed:\n" + output);
        }
        return JSON.readTree(output);
    }
}
