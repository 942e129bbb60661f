package dev.securerestapi.app.metrics;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;

/**
 * Connections the application takes from its pool (H2's, or the container's DataSource), measured:
 * how long taking one waits ({@code secure_rest_api_db_connection_wait_seconds}), how many are in
 * use now ({@code secure_rest_api_db_connections_active}), and how long each operation holds its
 * connection, which is its queries' time ({@code secure_rest_api_db_queries_seconds{operation}}).
 */
public final class DatabaseUse {

    private static final AtomicInteger ACTIVE = new AtomicInteger();
    private static final Timer WAIT = Timer.builder("secure.rest.api.db.connection.wait")
            .description("Time to take a connection from the pool").register(Metrics.registry());

    static {
        Gauge.builder("secure.rest.api.db.connections.active", ACTIVE, AtomicInteger::get)
                .description("Connections the application holds now").register(Metrics.registry());
    }

    private DatabaseUse() {}

    /** A connection of {@code dataSource} for {@code operation} (a fixed name): closing it records the operation's time. */
    public static Connection connection(DataSource dataSource, String operation) throws SQLException {
        Timer queries = Metrics.queryTimer(operation);
        long asked = System.nanoTime();
        Connection connection = dataSource.getConnection();
        long got = System.nanoTime();
        WAIT.record(got - asked, TimeUnit.NANOSECONDS);
        ACTIVE.incrementAndGet();
        boolean[] closed = new boolean[1];
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close") && method.getParameterCount() == 0 && !closed[0]) {
                        closed[0] = true;
                        ACTIVE.decrementAndGet();
                        queries.record(System.nanoTime() - got, TimeUnit.NANOSECONDS);
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
