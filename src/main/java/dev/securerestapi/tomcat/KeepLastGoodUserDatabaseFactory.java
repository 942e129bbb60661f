package dev.securerestapi.tomcat;

import java.util.Hashtable;

import java.util.function.Supplier;

import javax.naming.Context;
import javax.naming.NamingException;
import javax.naming.Name;
import javax.naming.RefAddr;
import javax.naming.Reference;
import javax.sql.DataSource;

import dev.securerestapi.settings.Settings;

import org.apache.catalina.users.MemoryUserDatabaseFactory;
import org.apache.naming.ContextBindings;

/**
 * The JNDI factory META-INF/context.xml names for the realm's users: Tomcat's, making a
 * {@link KeepLastGoodUserDatabase} over the users file instead of its plain in-memory database,
 * or with {@code secure-rest-api.users.store=database} a {@link DatabaseUserDatabase} over the
 * context's DataSource {@code dataSourceName} (default {@code jdbc/subscribers}).
 */
public class KeepLastGoodUserDatabaseFactory extends MemoryUserDatabaseFactory {

    @Override
    public Object getObjectInstance(Object obj, Name name, Context nameCtx, Hashtable<?, ?> environment) throws Exception {
        if (!(obj instanceof Reference ref) || !"org.apache.catalina.UserDatabase".equals(ref.getClassName())) {
            return null;
        }
        if (Settings.current().usersStore() == Settings.UsersStore.DATABASE) {
            // the web application's own names, as the realm reads them (the context given here is the
            // resource's own subcontext): kept, so the DataSource can be looked up from any thread
            Context names = (Context) ContextBindings.getClassLoader().lookup("comp/env");
            DatabaseUserDatabase shared = new DatabaseUserDatabase(name.toString(),
                    dataSource(names, value(ref, "dataSourceName", "jdbc/subscribers")));
            shared.open();
            return shared;
        }
        KeepLastGoodUserDatabase database = new KeepLastGoodUserDatabase(name.toString());
        // the setting itself when the environment gives it, which context.xml's ${...} cannot read without the add-on
        database.setPathname(Settings.tomcatUsersFile(value(ref, "pathname", database.getPathname())));
        database.setReadonly(true); // this realm never writes the operators' file
        database.setWatchSource(Boolean.parseBoolean(value(ref, "watchSource", "true")));
        database.open();
        return database;
    }

    /** The context's DataSource, looked up when first asked for and kept once found. */
    private static Supplier<DataSource> dataSource(Context context, String name) {
        return new Supplier<>() {
            private volatile DataSource found;

            @Override
            public DataSource get() {
                if (found == null) {
                    try {
                        found = (DataSource) context.lookup(name);
                    } catch (NamingException | ClassCastException e) {
                        return null;
                    }
                }
                return found;
            }
        };
    }

    private static String value(Reference ref, String name, String fallback) {
        RefAddr address = ref.get(name);
        return address == null || address.getContent() == null ? fallback : address.getContent().toString();
    }
}
