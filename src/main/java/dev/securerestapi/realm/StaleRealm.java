package dev.securerestapi.realm;

import dev.securerestapi.realm.audit.Audit;
import dev.securerestapi.realm.metrics.RealmStats;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether a realm is serving the users read before because its file's latest edit was refused
 * (malformed), and since when. A stale realm is not a quiet state: a user removed in that edit
 * still logs in. Both containers' realms record refusals here and log {@link #reminder} whenever
 * it is due, so the warning repeats, with the line and reason, for as long as the file is bad.
 */
public final class StaleRealm {

    private final Clock clock;
    private final Duration every;
    private Instant since;
    private Instant lastLogged;
    private String why;
    private final String until;

    public StaleRealm(Clock clock, Duration every) {
        this(clock, every, "a user removed by that edit can still log in", "until the file is fixed");
    }

    /** @param consequence what staleness means, @param until what ends it, as the warning says them */
    public StaleRealm(Clock clock, Duration every, String consequence, String until) {
        this.clock = clock;
        this.every = every;
        this.consequence = consequence;
        this.until = until;
    }

    private final String consequence;

    /** The file's latest edit was refused: {@code why} names the file, line and reason. Returns the line to log now. */
    public synchronized String refused(String why) {
        Instant now = clock.instant();
        if (since == null) {
            since = now;
        }
        if (!why.equals(this.why)) {
            // a new refusal, not the same one found again on the next look
            RealmStats.INSTANCE.refused();
            Audit.realmRefused(why);
        }
        this.why = why;
        lastLogged = now;
        return message(now);
    }

    /** The file was read: the realm is current again. */
    public synchronized void read() {
        since = null;
        why = null;
        lastLogged = null;
    }

    /** The warning to log again, when the realm is still stale and the last one is {@code every} old. */
    public synchronized Optional<String> reminder() {
        Instant now = clock.instant();
        if (since == null || Duration.between(lastLogged, now).compareTo(every) < 0) {
            return Optional.empty();
        }
        lastLogged = now;
        return Optional.of(message(now));
    }

    /** How long the realm has served users from before its file's latest edit; zero when current. */
    public synchronized Duration staleFor() {
        return since == null ? Duration.ZERO : Duration.between(since, clock.instant());
    }

    private String message(Instant now) {
        return why + "; the users read before stay in force (" + consequence + "), stale for "
                + Duration.between(since, now).toSeconds() + " s, " + until;
    }
}
