package dev.securerestapi.tomcat;

import java.util.Set;
import java.util.logging.Logger;

import dev.securerestapi.settings.Settings;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;

/**
 * Registers {@link BasicAuthModule} with Tomcat's Jakarta Authentication for this web application,
 * when the WAR runs in Tomcat without the add-on's authenticator: declared in the WAR's
 * {@code META-INF/services}, so dropping the WAR into a stock Tomcat needs nothing else. In any
 * other container it does nothing (Jetty reads credentials with the project's own authenticator,
 * which WEB-INF/jetty-ee11-web.xml installs), and it touches no Jakarta Authentication class there.
 */
public final class WarAloneAuthentication implements ServletContainerInitializer {

    private static final Logger LOG = Logger.getLogger(WarAloneAuthentication.class.getName());

    /** The system property context.xml takes the authenticator's class from. */
    static final String AUTHENTICATOR = Settings.PREFIX + "authenticator";

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        if (!context.getServerInfo().startsWith("Apache Tomcat")) {
            return;
        }
        if (ThrottledBasicAuthenticator.class.getName().equals(Settings.current(AUTHENTICATOR))) {
            return; // the add-on's authenticator reads credentials the same way, and throttles
        }
        Registration.register(context);
        context.addListener(new ServletContextListener() {
            @Override
            public void contextDestroyed(ServletContextEvent event) {
                Registration.remove(event.getServletContext());
            }
        });
        LOG.info("secure-rest-api: BASIC credentials read as UTF-8, or ISO-8859-1 where they are not UTF-8, in NFC");
    }

    /** Apart, so that only Tomcat ever loads the Jakarta Authentication classes it names. */
    private static final class Registration {
        static void register(ServletContext context) {
            jakarta.security.auth.message.config.AuthConfigFactory.getFactory()
                    .registerServerAuthModule(new BasicAuthModule(), context);
        }

        static void remove(ServletContext context) {
            jakarta.security.auth.message.config.AuthConfigFactory.getFactory().removeServerAuthModule(context);
        }
    }
}
