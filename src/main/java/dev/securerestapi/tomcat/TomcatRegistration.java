package dev.securerestapi.tomcat;

import java.nio.file.Path;
import java.util.Set;
import java.util.logging.Logger;

import dev.securerestapi.credentials.Credentials;
import dev.securerestapi.realm.login.Login;
import dev.securerestapi.settings.Settings;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;

/**
 * Registers {@link TomcatBasicAuthentication} with Tomcat's Jakarta Authentication for this web
 * application, over a {@link Login} of its own: declared in the WAR's {@code META-INF/services}, so
 * dropping the WAR into a stock Tomcat needs nothing else. The users come from
 * {@code ${catalina.base}/conf/secure-rest-api-users.xml} (or {@code secure-rest-api.users}; either
 * realm file format) or the shared database. A file that cannot be read at start-up leaves nobody
 * able to log in (every protected request gets 401) and the log says why. In any other container
 * it does nothing (Jetty's adapter is installed by WEB-INF/jetty-ee11-web.xml), and it touches no
 * Jakarta Authentication class there.
 */
public final class TomcatRegistration implements ServletContainerInitializer {

    private static final Logger LOG = Logger.getLogger(TomcatRegistration.class.getName());

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        if (!context.getServerInfo().startsWith("Apache Tomcat")) {
            return;
        }
        Settings settings = Settings.current();
        TomcatBasicAuthentication module;
        Login login = Login.configured(usersFile(), false);
        try {
            module = new TomcatBasicAuthentication(login, settings);
        } catch (IllegalStateException e) {
            login.close();
            LOG.severe("secure-rest-api does not start: " + e.getMessage());
            throw e;
        }
        Registration.register(context, module);
        context.setAttribute(Credentials.ATTRIBUTE, login); // for /api/v1/me/password and /api/v1/me/tokens
        context.addListener(new ServletContextListener() {
            @Override
            public void contextDestroyed(ServletContextEvent event) {
                Registration.remove(event.getServletContext());
                login.close();
            }
        });
        LOG.info("secure-rest-api: BASIC logins decided by the login core, through Jakarta Authentication");
    }

    /** The users file, resolved as Tomcat resolves its own configuration files: relative to catalina.base. */
    private static Path usersFile() {
        Path file = Path.of(Settings.tomcatUsersFile(Settings.TOMCAT_USERS_FILE));
        String base = System.getProperty("catalina.base");
        return file.isAbsolute() || base == null ? file : Path.of(base).resolve(file).normalize();
    }

    /** Apart, so that only Tomcat ever loads the Jakarta Authentication classes it names. */
    private static final class Registration {
        static void register(ServletContext context, TomcatBasicAuthentication module) {
            jakarta.security.auth.message.config.AuthConfigFactory.getFactory().registerServerAuthModule(module, context);
        }

        static void remove(ServletContext context) {
            jakarta.security.auth.message.config.AuthConfigFactory.getFactory().removeServerAuthModule(context);
        }
    }
}
