package dev.securerestapi.realm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;

import dev.securerestapi.ManualClock;
import org.junit.jupiter.api.Test;

/** A refused edit is not a quiet state: the warning comes back for as long as it lasts. */
class StaleRealmTest {

    private final ManualClock clock = new ManualClock();
    private final StaleRealm stale = new StaleRealm(clock, Duration.ofSeconds(60));

    @Test
    void aRefusedEditIsLoggedAgainEveryIntervalWithLineReasonAndAge() {
        String first = stale.refused("realm.properties line 3: no password");
        assertTrue(first.startsWith("realm.properties line 3: no password; the users read before stay in force"), first);
        assertEquals(Optional.empty(), stale.reminder());
        clock.advance(Duration.ofSeconds(59));
        assertEquals(Optional.empty(), stale.reminder());
        clock.advance(Duration.ofSeconds(1));
        String again = stale.reminder().orElseThrow();
        assertTrue(again.contains("line 3: no password") && again.contains("stale for 60 s"), again);
        clock.advance(Duration.ofSeconds(60));
        assertTrue(stale.reminder().orElseThrow().contains("stale for 120 s"));
        assertEquals(Duration.ofSeconds(120), stale.staleFor());
    }

    @Test
    void readingTheFileEndsIt() {
        stale.refused("realm.properties line 3: no password");
        clock.advance(Duration.ofSeconds(90));
        stale.read();
        assertEquals(Optional.empty(), stale.reminder());
        assertEquals(Duration.ZERO, stale.staleFor());
    }
}
