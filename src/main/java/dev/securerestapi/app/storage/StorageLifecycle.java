package dev.securerestapi.app.storage;

import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;

/**
 * Opens (and migrates) the database when the application starts and closes it when it stops.
 * If the database cannot be opened the application fails to start: nothing is served half-way.
 */
public class StorageLifecycle implements ServletContextListener {

    private static final String ATTRIBUTE = Database.class.getName();
    private static final Logger LOG = Logger.getLogger(StorageLifecycle.class.getName());

    @Override
    public void contextInitialized(ServletContextEvent event) {
        event.getServletContext().setAttribute(ATTRIBUTE, Database.open());
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        if (event.getServletContext().getAttribute(ATTRIBUTE) instanceof Database database) {
            try {
                database.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "closing the database failed", e);
            }
        }
    }

    /** The database this application opened. */
    public static Database database(ServletContext context) {
        if (context.getAttribute(ATTRIBUTE) instanceof Database database) {
            return database;
        }
        throw new IllegalStateException("storage is not open");
    }
}
