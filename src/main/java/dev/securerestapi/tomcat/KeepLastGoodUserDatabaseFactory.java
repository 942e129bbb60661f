package dev.securerestapi.tomcat;

import java.util.Hashtable;

import javax.naming.Context;
import javax.naming.Name;
import javax.naming.RefAddr;
import javax.naming.Reference;

import org.apache.catalina.users.MemoryUserDatabaseFactory;

/**
 * The JNDI factory META-INF/context.xml names for the realm's users: Tomcat's, making a
 * {@link KeepLastGoodUserDatabase} instead of its plain in-memory database.
 */
public class KeepLastGoodUserDatabaseFactory extends MemoryUserDatabaseFactory {

    @Override
    public Object getObjectInstance(Object obj, Name name, Context nameCtx, Hashtable<?, ?> environment) throws Exception {
        if (!(obj instanceof Reference ref) || !"org.apache.catalina.UserDatabase".equals(ref.getClassName())) {
            return null;
        }
        KeepLastGoodUserDatabase database = new KeepLastGoodUserDatabase(name.toString());
        database.setPathname(value(ref, "pathname", database.getPathname()));
        database.setReadonly(true); // this realm never writes the operators' file
        database.setWatchSource(Boolean.parseBoolean(value(ref, "watchSource", "true")));
        database.open();
        return database;
    }

    private static String value(Reference ref, String name, String fallback) {
        RefAddr address = ref.get(name);
        return address == null || address.getContent() == null ? fallback : address.getContent().toString();
    }
}
