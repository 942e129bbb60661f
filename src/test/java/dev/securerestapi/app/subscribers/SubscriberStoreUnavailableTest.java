package dev.securerestapi.app.subscribers;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.net.ConnectException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;

import dev.securerestapi.CountingDatabase;
import dev.securerestapi.app.problem.Unavailable;
import org.junit.jupiter.api.Test;

/** A database that went away is an {@link Unavailable} (503), however the pool and the driver say it; a bug is not. */
class SubscriberStoreUnavailableTest {

    /** A store whose every statement fails with {@code failure}, as a connection lost mid-way would make it. */
    private static SubscriberStore failingWith(SQLException failure) {
        CountingDatabase database = new CountingDatabase() {
            @Override
            public Connection getConnection() throws SQLException {
                Connection real = super.getConnection();
                return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                        (proxy, method, args) -> {
                            if (method.getName().startsWith("prepare")) {
                                throw failure;
                            }
                            return method.invoke(real, args);
                        });
            }
        };
        return new SubscriberStore(database, Clock.systemUTC());
    }

    @Test
    void aConnectionLostWithTheDriversStateIsUnavailable() {
        assertThrows(Unavailable.class, () -> failingWith(new SQLException("I/O error", "08006")).find(1));
        assertThrows(Unavailable.class, () -> failingWith(new SQLException("terminating connection", "57P01")).find(1));
    }

    @Test
    void aPoolsFailureWithoutAStateIsUnavailableWhenItsCauseIsTheConnection() {
        SQLException pool = new SQLException("Cannot get a connection", (String) null, new ConnectException("Connection refused"));
        assertThrows(Unavailable.class, () -> failingWith(pool).find(1));
        SQLException wrapped = new SQLException("Cannot create PoolableConnectionFactory", (String) null,
                new SQLException("Connection to 127.0.0.1:5432 refused", "08001"));
        assertThrows(Unavailable.class, () -> failingWith(wrapped).find(1));
    }

    @Test
    void noConnectionAtAllIsUnavailable() {
        CountingDatabase down = new CountingDatabase();
        down.down(true);
        assertThrows(Unavailable.class, () -> new SubscriberStore(down, Clock.systemUTC()).find(1));
    }

    @Test
    void anyOtherFailureStaysAnIncident() {
        assertThrows(StorageException.class, () -> failingWith(new SQLException("syntax error", "42601")).find(1));
    }
}
