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
        httpsSwitchReachesContextXml();
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

    /** Tomcat's hook for where context.xml's {@code ${...}} come from; the add-on names its own there. */
    static final String PROPERTY_SOURCE = "org.apache.tomcat.util.digester.PROPERTY_SOURCE";

    /**
     * The HTTPS switch reaches the redirect: without the add-on's property source or valve, context.xml
     * and WEB-INF/rewrite.config read system properties only, so {@code https-only} or
     * {@code public-url} given in the environment alone would leave plain HTTP served, passwords
     * and all, while the rest of the application believes it is on. Start-up stops instead.
     */
    static void httpsSwitchReachesContextXml() {
        if (!Settings.current().httpsOnly() || SettingsPropertySource.class.getName().equals(System.getProperty(PROPERTY_SOURCE))
                || HttpsOnlyValve.class.getName().equals(System.getProperty(Settings.PREFIX + "httpsRedirect"))) {
            return; // context.xml reads the environment, or the add-on's valve redirects, reading the settings itself
        }
        for (String name : new String[] {Settings.PREFIX + "https-only", Settings.PREFIX + "public-url"}) {
            if (System.getProperty(name) == null) {
                String message = "secure-rest-api.https-only=true, but " + name + " comes from the environment ("
                        + Settings.environmentName(name) + "), which Tomcat's context.xml does not read without the add-on: "
                        + "plain HTTP would not be redirected. Give -D" + Settings.PREFIX + "https-only=true and -D"
                        + Settings.PREFIX + "public-url=https://HOST[:PORT] as system properties (CATALINA_OPTS, or "
                        + "conf/catalina.properties), or install the add-on (docs/deploy-tomcat.md, step 5). "
                        + "secure-rest-api does not start until then";
                LOG.severe(message);
                throw new IllegalStateException(message);
            }
        }
        tlsEndingProxiesReachRewriteConfig();
    }

    /**
     * Behind a proxy that ends TLS, WEB-INF/rewrite.config lets through plain HTTP whose
     * {@code X-Forwarded-Proto: https} comes from a trusted proxy; a RewriteValve can compare the
     * peer with the system property's entries one by one, not with CIDR blocks, and reads neither
     * the environment nor {@code Forwarded}. Any of those would redirect every request the proxy
     * sends, for ever (the application itself would believe them and send HSTS): start-up stops
     * with what to set instead.
     */
    static void tlsEndingProxiesReachRewriteConfig() {
        Settings settings = Settings.current();
        if (settings.trustedProxies().isEmpty()) {
            return;
        }
        String problem = null;
        if (System.getProperty(Settings.PREFIX + "trusted-proxies") == null) {
            problem = Settings.PREFIX + "trusted-proxies comes from the environment ("
                    + Settings.environmentName(Settings.PREFIX + "trusted-proxies") + "), which WEB-INF/rewrite.config does not read";
        } else if (settings.trustedProxies().stream().anyMatch(entry -> entry.contains("/"))) {
            problem = Settings.PREFIX + "trusted-proxies lists a CIDR block, and WEB-INF/rewrite.config can only compare addresses";
        } else if (settings.forwardedHeader() != Settings.ForwardedHeader.X_FORWARDED_FOR) {
            problem = Settings.PREFIX + "forwarded-header is Forwarded, and WEB-INF/rewrite.config reads X-Forwarded-Proto only";
        }
        if (problem != null) {
            String message = "secure-rest-api.https-only=true behind trusted proxies, but " + problem + ": every request they forward "
                    + "would be redirected to HTTPS again. Without the add-on, give -D" + Settings.PREFIX + "trusted-proxies as "
                    + "a system property listing each proxy's address, with X-Forwarded-For and X-Forwarded-Proto, or install "
                    + "the add-on (docs/deploy-tomcat.md, step 5). secure-rest-api does not start until then";
            LOG.severe(message);
            throw new IllegalStateException(message);
        }
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
