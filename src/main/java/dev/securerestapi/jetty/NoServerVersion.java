package dev.securerestapi.jetty;

import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * Jetty sends {@code Server: Jetty(12.1.x)} on every answer by default, telling an attacker which
 * advisories apply. WEB-INF/jetty-ee11-web.xml calls this as the WAR deploys: no {@code Server}
 * and no {@code X-Powered-By} header on any of the server's connectors. A connector not ready yet
 * (the Maven plugin's, while the server starts) is done once the server has started. The deploy
 * steps also set it in Jetty's own configuration, which covers the answers sent before the WAR is
 * deployed.
 */
public final class NoServerVersion {

    private NoServerVersion() {}

    public static void hide(Server server) {
        if (!hideOnEveryConnector(server)) {
            server.addEventListener(new LifeCycle.Listener() {
                @Override
                public void lifeCycleStarted(LifeCycle event) {
                    hideOnEveryConnector(server);
                }
            });
        }
    }

    /** False when a connector could not be asked for its configuration yet. */
    private static boolean hideOnEveryConnector(Server server) {
        boolean all = true;
        for (Connector connector : server.getConnectors()) {
            try {
                connector.getConnectionFactories().forEach(factory -> {
                    if (factory instanceof HttpConfiguration.ConnectionFactory http) {
                        HttpConfiguration config = http.getHttpConfiguration();
                        config.setSendServerVersion(false);
                        config.setSendXPoweredBy(false);
                    }
                });
            } catch (IllegalStateException notReady) {
                all = false;
            }
        }
        return all;
    }
}
