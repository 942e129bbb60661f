package dev.securerestapi.app.storage;

import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import dev.securerestapi.app.health.Readiness;
import dev.securerestapi.app.metrics.BuildInfo;
import dev.securerestapi.app.metrics.Metrics;
import dev.securerestapi.settings.Settings;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;

/**
 * Checks the settings, says what build this is (the metric {@code secure_rest_api_build_info}),
 * then opens (and migrates) the database when the application starts, and
 * closes it when it stops. If a setting is invalid or the database cannot be opened the
 * application fails to start: nothing is served half-way.
 */
public class StorageLifecycle implements ServletContextListener {

    private static final String ATTRIBUTE = Database.class.getName();
    private static final String READINESS = Readiness.class.getName();
    private static final Logger LOG = Logger.getLogger(StorageLifecycle.class.getName());

    private Thread onSigterm;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        try {
            Settings.current(); // every setting checked before anything opens: an invalid one stops start-up
        } catch (Settings.InvalidSetting invalid) {
            LOG.severe(invalid.getMessage());
            throw invalid;
        }
        Metrics.buildInfo(BuildInfo.of(event.getServletContext()));
        Database database = Database.open();
        Readiness readiness = new Readiness(database.dataSource(), Clock.systemUTC());
        readiness.warmingUp("the password check", StorageLifecycle::warmPasswordCheck);
        event.getServletContext().setAttribute(ATTRIBUTE, database);
        event.getServletContext().setAttribute(READINESS, readiness);
        // SIGTERM: readiness fails at once, while the container finishes the requests it holds
        // (Tomcat's gracefulStopAwaitMillis, Jetty's graceful module: see README, Several instances)
        onSigterm = new Thread(readiness::stopping, "secure-rest-api readiness on shutdown");
        Runtime.getRuntime().addShutdownHook(onSigterm);
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        if (event.getServletContext().getAttribute(READINESS) instanceof Readiness readiness) {
            readiness.stopping();
        }
        if (onSigterm != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(onSigterm);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs, or ran, by itself
            }
        }
        if (event.getServletContext().getAttribute(ATTRIBUTE) instanceof Database database) {
            try {
                database.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "closing the database failed", e);
            }
        }
    }

    /**
     * The container's login check is the JDK's PBKDF2-HMAC-SHA256 (600,000 iterations, realm code
     * this application does not import): run once here, its code is compiled, and the first
     * logins a new instance gets cost what later ones do instead of seconds each.
     */
    private static void warmPasswordCheck() {
        PBEKeySpec spec = new PBEKeySpec("warm-up".toCharArray(), new byte[16], 600_000, 256);
        try {
            SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } finally {
            spec.clearPassword();
        }
    }

    /** Whether this application should get traffic. */
    public static Readiness readiness(ServletContext context) {
        if (context.getAttribute(READINESS) instanceof Readiness readiness) {
            return readiness;
        }
        throw new IllegalStateException("storage is not open");
    }

    /** The database this application opened. */
    public static Database database(ServletContext context) {
        if (context.getAttribute(ATTRIBUTE) instanceof Database database) {
            return database;
        }
        throw new IllegalStateException("storage is not open");
    }
}
