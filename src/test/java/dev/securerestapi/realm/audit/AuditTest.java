package dev.securerestapi.realm.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.securerestapi.ManualClock;
import dev.securerestapi.realm.login.LoginThrottle;
import dev.securerestapi.settings.Settings.Lockout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuditTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Logger logger = Logger.getLogger(Audit.LOGGER);
    private final List<String> lines = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            lines.add(record.getMessage());
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void listen() {
        logger.addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        logger.removeHandler(capture);
    }

    private List<JsonNode> events(String event) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        for (String line : lines) {
            JsonNode node = JSON.readTree(line);
            if (node.path("event").asText().equals(event)) {
                found.add(node);
            }
        }
        return found;
    }

    @Test
    void everyLineIsOneJsonObjectWhateverTheNameHolds() throws Exception {
        Audit.loginFailed("a\"b\\c\n\u202e" + "x".repeat(100), "203.0.113.7", "wrong_password");
        assertEquals(1, lines.size());
        assertFalse(lines.get(0).contains("\n"), "one line");
        JsonNode line = JSON.readTree(lines.get(0));
        assertEquals("login.failed", line.path("event").asText());
        assertEquals("a\"b\\c??" + "x".repeat(57) + "...", line.path("user").asText(), "controls and format characters replaced, 64 at most");
        assertEquals("203.0.113.7", line.path("client").asText());
        assertEquals("wrong_password", line.path("reason").asText());
        assertTrue(line.path("time").asText().endsWith("Z"));
        assertFalse(line.path("instance").asText().isEmpty());
    }

    @Test
    void lineAndParagraphSeparatorsFormatCharactersAndLoneSurrogatesNeverReachTheLogAsTheyAre() {
        String name = "eve\u2028INFO forged line\u2029\u200b\u2066\ud800x";
        assertEquals("eve?INFO forged line????x", Audit.shown(name));
        Audit.loginFailed(name, "203.0.113.7", "unknown_name");
        for (String raw : List.of("\u2028", "\u2029", "\u200b", "\u2066", "\ud800")) {
            assertFalse(lines.get(0).contains(raw), "the log line holds U+" + Integer.toHexString(raw.charAt(0)));
        }
    }

    @Test
    void theThrottleAuditsFailuresLocksUnlocksAndTheFirstSuccessAfterFailures() throws Exception {
        ManualClock clock = new ManualClock();
        LoginThrottle throttle = new LoginThrottle(new Lockout(2, Duration.ofMinutes(1), 100, 100, Duration.ofMinutes(1), 100), clock);
        ((LoginThrottle.Attempt) throttle.admit("erin", "pw-1", "10.0.0.1")).failed();
        assertTrue(((LoginThrottle.Attempt) throttle.admit("erin", "pw-2", "10.0.0.1")).succeeded());
        assertEquals(1, events("login.succeeded").size(), "the first success after a failure");
        assertEquals(1, events("login.succeeded").get(0).path("after_failures").asInt());
        assertTrue(((LoginThrottle.Attempt) throttle.admit("erin", "pw-2", "10.0.0.1")).succeeded());
        assertEquals(1, events("login.succeeded").size(), "not every success");

        ((LoginThrottle.Attempt) throttle.admit("erin", "bad-1", "10.0.0.1")).failed();
        ((LoginThrottle.Attempt) throttle.admit("erin", "bad-2", "10.0.0.1")).failed();
        assertEquals(3, events("login.failed").size());
        JsonNode locked = events("lockout.locked").get(0);
        assertEquals("name_from_address", locked.path("scope").asText());
        assertEquals(60, locked.path("seconds").asInt());
        assertTrue(throttle.admit("erin", "pw-2", "10.0.0.1") instanceof LoginThrottle.Refused);
        assertEquals(1, events("login.throttled").size());

        clock.advance(Duration.ofMinutes(2));
        assertTrue(throttle.admit("erin", "pw-2", "10.0.0.1") instanceof LoginThrottle.Attempt);
        JsonNode unlocked = events("lockout.unlocked").get(0);
        assertEquals("erin", unlocked.path("user").asText());
        assertEquals("10.0.0.1", unlocked.path("client").asText());
        for (String line : lines) {
            assertFalse(line.contains("pw-") || line.contains("bad-"), "never a password: " + line);
        }
    }
}
