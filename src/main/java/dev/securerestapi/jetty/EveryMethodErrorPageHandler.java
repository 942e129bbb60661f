package dev.securerestapi.jetty;

import org.eclipse.jetty.ee11.servlet.ErrorPageErrorHandler;

/**
 * Jetty's web.xml error-page handling for every request method. Jetty serves error pages only to
 * GET, POST and HEAD, so a challenged PUT or DELETE would get a 401 with an empty body instead of
 * the problem+json every other client sees. Installed by WEB-INF/jetty-ee11-web.xml.
 */
public class EveryMethodErrorPageHandler extends ErrorPageErrorHandler {

    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }
}
