package dev.securerestapi.realm.login;

import java.time.Clock;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.securerestapi.realm.RealmEntry;
import dev.securerestapi.realm.UserName;
import dev.securerestapi.settings.Settings.Lockout;

/**
 * Brute-force protection for BASIC logins, used by the container's authenticator before it checks
 * a password. Two limits, both counted on failed logins only:
 * <ul>
 * <li>per user name, every spelling of it sharing one count ({@code Admin}, {@code ａｄｍｉｎ} and
 *     {@code admin} are one name here; see {@link UserName#key}):
 *     {@code user.failures} failures lock the name for {@code user.seconds}, even for the right
 *     password; a success clears the count. Unknown names count like known ones, so a lockout
 *     tells nobody which names exist.</li>
 * <li>per client address, higher, against one client trying one password on many names:
 *     {@code address.failures} within {@code address.seconds} refuse that address for as long.</li>
 * </ul>
 * Failures are logged with the user name and address, never the password. Memory is bounded:
 * each tracker holds at most {@code tracked} keys of at most 64 characters (a longer name is kept
 * as a digest). The limits come from {@link dev.securerestapi.settings.Settings}.
 */
public final class LoginThrottle {

    private static final Logger LOG = Logger.getLogger(LoginThrottle.class.getName());
    
    private final Lockout settings;
    private final FailureTracker users;
    private final FailureTracker addresses;

    public LoginThrottle(Lockout settings, Clock clock) {
        this.settings = settings;
        this.users = new FailureTracker(settings.userFailures(), settings.userLock(), settings.tracked(), clock);
        this.addresses = new FailureTracker(settings.addressFailures(), settings.addressWindow(), settings.tracked(), clock);
        LOG.info("Login lockout: " + settings.userFailures() + " failures lock a user name for " + settings.userLock().toSeconds()
                + " s; " + settings.addressFailures() + " failures in " + settings.addressWindow().toSeconds()
                + " s refuse a client address");
    }

    /** True when no failure is remembered: nothing can be locked, and callers may skip the lookups. */
    public boolean idle() {
        return users.size() == 0 && addresses.size() == 0;
    }

    /**
     * Zero if a login for {@code user} from {@code address} may be checked now; otherwise how long
     * until it may, in whole seconds (at least 1), for a {@code Retry-After} header.
     */
    public long retryAfterSeconds(String user, String address) {
        if (idle()) {
            return 0;
        }
        Duration wait = users.lockedFor(userKey(user));
        Duration addressWait = addresses.lockedFor(address);
        if (addressWait.compareTo(wait) > 0) {
            wait = addressWait;
        }
        if (wait.isZero()) {
            return 0;
        }
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        LOG.log(Level.FINE, () -> "Refused a login for user '" + printable(user) + "' from " + address
                + " without checking it: locked for " + seconds + " s more");
        return seconds;
    }

    public void failed(String user, String address) {
        int forUser = users.failed(userKey(user));
        int forAddress = addresses.failed(address);
        LOG.warning("Failed login for user '" + printable(user) + "' from " + address + " (" + forUser + " of "
                + settings.userFailures() + " for the name, " + forAddress + " of " + settings.addressFailures()
                + " for the address)");
        if (forUser == settings.userFailures()) {
            LOG.warning("User name '" + printable(user) + "' locked for " + settings.userLock().toSeconds() + " s after "
                    + forUser + " failed logins; the last from " + address);
        }
        if (forAddress == settings.addressFailures()) {
            LOG.warning("Address " + address + " refused logins for " + settings.addressWindow().toSeconds() + " s after "
                    + forAddress + " failed logins");
        }
    }

    public void succeeded(String user) {
        if (users.size() != 0) {
            users.reset(userKey(user));
        }
    }

    /** Every spelling of a name shares one key: see {@link UserName#key}. */
    static String userKey(String user) {
        return UserName.key(user);
    }

    static String printable(String user) {
        return RealmEntry.printable(user);
    }
}
