package dev.securerestapi.realm.login;

import java.util.logging.Level;
import java.util.logging.Logger;

import dev.securerestapi.realm.RealmEntry;
import dev.securerestapi.realm.audit.Audit;
import dev.securerestapi.realm.metrics.Logins;
import dev.securerestapi.settings.Settings.Lockout;

/**
 * What {@link LoginThrottle} says of each outcome, in one place and once: the counter, the audit
 * line and the log line. User names appear as {@link RealmEntry#printable}; passwords never.
 */
final class ThrottleLog {

    private static final Logger LOG = Logger.getLogger(LoginThrottle.class.getName());

    private final Lockout settings;
    private final NowAndThen databaseAwayLogged = new NowAndThen(java.time.Duration.ofSeconds(10));
    private final NowAndThen noTimeLogged = new NowAndThen(java.time.Duration.ofSeconds(10));

    ThrottleLog(Lockout settings) {
        this.settings = settings;
    }

    void succeeded(String user, String address, int failedBefore) {
        Logins.INSTANCE.succeeded();
        if (failedBefore > 0) {
            Audit.succeededAfterFailures(user, address, failedBefore);
        }
    }

    void rightPasswordRefused(String user, String address, String why) {
        LOG.warning("Refused a right password for user '" + printable(user) + "' from " + address + ": " + why);
    }

    void failed(Limits.Keys keys, LoginThrottle.Failure why, Limits.Counts counts, Limits counting) {
        String user = keys.user();
        String address = keys.address();
        Logins.INSTANCE.failed(why == LoginThrottle.Failure.UNKNOWN_NAME);
        Audit.loginFailed(user, address, why.reason());
        LOG.warning("Failed login for user '" + printable(user) + "' from " + address + " (" + counts.pair() + " of "
                + counting.pairs.limit() + " for the name from this address, " + counts.name() + " of " + counting.names.limit()
                + " for the name, " + counts.address() + " of " + counting.addresses.limit() + " for the address"
                + (counting.shared ? ", on every instance" : "") + ")");
        if (counts.pair() == counting.pairs.limit()) {
            Audit.locked("name_from_address", user, address, settings.userLock().toSeconds(), counts.pair());
            LOG.warning("User name '" + printable(user) + "' locked for " + settings.userLock().toSeconds() + " s for "
                    + address + " after " + counts.pair() + " failed logins from there");
        }
        if (counts.name() == counting.names.limit()) {
            Audit.locked("name", user, address, settings.userLock().toSeconds(), counts.name());
            LOG.warning("User name '" + printable(user) + "' locked for " + settings.userLock().toSeconds()
                    + " s for every address after " + counts.name() + " failed logins; the last from " + address);
        }
        addressLockedAt(address, counts.address(), counting);
    }

    void malformed(String address, int failures, Limits counting) {
        Logins.INSTANCE.malformed();
        Audit.loginFailed(null, address, "malformed");
        LOG.warning("Unreadable credentials from " + address + " (" + failures + " of " + counting.addresses.limit() + " for the address)");
        addressLockedAt(address, failures, counting);
    }

    private void addressLockedAt(String address, int failures, Limits counting) {
        if (failures == counting.addresses.limit()) {
            Audit.locked("address", null, address, settings.addressWindow().toSeconds(), failures);
            LOG.warning("Address " + address + " refused logins for " + settings.addressWindow().toSeconds() + " s after "
                    + failures + " failed logins");
        }
    }

    void refused(String user, String address, long seconds) {
        Logins.INSTANCE.throttled();
        Audit.throttled(user, address, seconds);
        LOG.log(Level.FINE, () -> "Refused a login for user '" + printable(user) + "' from " + address
                + " without checking it: locked for " + seconds + " s more");
    }

    /** Refused unchecked (503): the shared database has been away too long to count the login. */
    void databaseAway(String user, String address, long seconds) {
        unavailable(user, address, seconds);
        if (databaseAwayLogged.due()) {
            LOG.warning("Refusing logins this instance has not verified lately (503): the shared database has not answered for "
                    + DatabaseContact.BOUND.toSeconds() + " s or more, and the login limits cannot be counted without it"
                    + " (logged at most every 10 s)");
        }
    }

    /** Refused unchecked (503): no hash could start soon ({@code why}). */
    void noTimeToCheck(String user, String address, long seconds, String why) {
        unavailable(user, address, seconds);
        if (noTimeLogged.due()) {
            LOG.warning("Refusing logins it has no time to check (503): " + why + " (logged at most every 10 s)");
        }
    }

    private void unavailable(String user, String address, long seconds) {
        Logins.INSTANCE.unavailable();
        Audit.unavailable(user, address, seconds);
    }

    void started(boolean shared) {
        LOG.info("Login lockout: " + settings.userFailures() + " failures lock a user name for " + settings.userLock().toSeconds()
                + " s from that client address, " + settings.nameFailures() + " from any addresses lock it for all; "
                + settings.addressFailures() + " failures in " + settings.addressWindow().toSeconds() + " s refuse a client address"
                + (shared ? "; counted in the shared database, so across all instances" : "; counted by this instance"));
    }

    static String printable(String user) {
        return RealmEntry.printable(user);
    }
}
