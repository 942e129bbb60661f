package dev.securerestapi.realm.db;

import java.util.List;
import java.util.function.Supplier;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

import dev.securerestapi.settings.Settings;

/**
 * The container's DataSource for the application's database ({@link Settings#DATA_SOURCE_NAMES}),
 * looked up by JNDI the first time it is asked for and kept once found. Null until one is bound:
 * a lookup made before the container binds it (or from a thread that does not see the web
 * application's names) is tried again at the next call, at most once a second.
 */
public final class ContainerDataSource implements Supplier<DataSource> {

    private final List<String> names;
    private volatile DataSource found;
    private volatile long lastTry;

    public ContainerDataSource() {
        this(Settings.DATA_SOURCE_NAMES);
    }

    ContainerDataSource(List<String> names) {
        this.names = List.copyOf(names);
    }

    @Override
    public DataSource get() {
        DataSource dataSource = found;
        if (dataSource != null) {
            return dataSource;
        }
        long now = System.currentTimeMillis();
        if (now - lastTry < 1_000) {
            return null;
        }
        lastTry = now;
        for (String name : names) {
            try {
                if (new InitialContext().lookup(name) instanceof DataSource bound) {
                    found = bound;
                    return bound;
                }
            } catch (NamingException | RuntimeException notThere) {
                // the next name, or the next call
            }
        }
        return null;
    }
}
