package dev.securerestapi.app;

import jakarta.servlet.ServletContext;
import java.util.Set;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.spi.RequestScopedInitializer;
import org.glassfish.jersey.servlet.internal.spi.ExtendedServletContainerProvider;
import org.glassfish.jersey.servlet.internal.spi.RequestScopedInitializerProvider;

/**
 * Tells Jersey's servlet not to make each request's {@code HttpServletRequest} and
 * {@code HttpServletResponse} injectable: on every request it would look both references up in
 * HK2 and set them (8% of an authenticated request on Tomcat), and nothing here injects them.
 * Resources read the caller from {@code SecurityContext}; ArchitectureTest keeps servlet types
 * out of every {@code @Context}. Registered through META-INF/services for Jersey's servlet
 * extension hook (the one its CDI integration uses).
 */
public final class NoServletReferences implements ExtendedServletContainerProvider {

    private static final RequestScopedInitializer NOTHING = injectionManager -> { };

    @Override
    public RequestScopedInitializerProvider getRequestScopedInitializerProvider() {
        return context -> NOTHING;
    }

    @Override
    public boolean bindsServletRequestResponse() {
        return true; // that is: Jersey binds neither
    }

    @Override
    public void preInit(ServletContext servletContext, Set<Class<?>> classes) {
        // nothing
    }

    @Override
    public void postInit(ServletContext servletContext, Set<Class<?>> classes, Set<String> servletNames) {
        // nothing
    }

    @Override
    public void onRegister(ServletContext servletContext, Set<String> servletNames) {
        // nothing
    }

    @Override
    public void configure(ResourceConfig resourceConfig) {
        // nothing
    }
}
