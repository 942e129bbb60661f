package dev.securerestapi.tomcat;

import dev.securerestapi.settings.Settings;
import org.apache.tomcat.util.IntrospectionUtils;

/**
 * Lets Tomcat's {@code ${secure-rest-api.*}} placeholders in the WAR's context.xml read the
 * settings as {@link Settings} reads them: a system property, else the environment variable
 * {@code SECURE_REST_API_...}. Tomcat's own property source reads system properties only. Ships in
 * the add-on jar; {@code conf/catalina.properties} names it in
 * {@code org.apache.tomcat.util.digester.PROPERTY_SOURCE} (Deploy to Tomcat, step 5). Anything not
 * named {@code secure-rest-api.*} is left to Tomcat's system-property source.
 */
public class SettingsPropertySource implements IntrospectionUtils.PropertySource {

    @Override
    public String getProperty(String key) {
        return key.startsWith(Settings.PREFIX) ? Settings.current(key) : null;
    }
}
