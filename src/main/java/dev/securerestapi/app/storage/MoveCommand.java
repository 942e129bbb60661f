package dev.securerestapi.app.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * {@code java -jar secure-rest-api-data.jar move --from DIR --database-config FILE}: moves the
 * subscribers of an embedded database (the data directory of a single instance, stopped) into
 * another database, PostgreSQL as a rule, whose connection FILE gives as the users command's
 * does ({@code url}, {@code user}, {@code password}). Both ends are first migrated as an instance
 * would migrate them; the target's table must be empty; every row moves with its id, version
 * (so ETags stay valid) and creation time, in one transaction, and new ids go on after the
 * highest. The embedded database is left as it was. Never prints a password.
 */
public final class MoveCommand {

    static final int DONE = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int REFUSED = 4;

    static final String USAGE_TEXT = """
            usage: java -jar secure-rest-api-data.jar move --from DIR --database-config FILE
              Moves the subscribers of the embedded database in DIR (secure-rest-api.data; stop the
              instance first) into the database FILE names (url=jdbc:postgresql://HOST:PORT/DATABASE,
              user=..., password=...; readable by its owner only), whose subscribers table must be
              empty. Users stay in the realm file: move them with the users command's import.
            Exit codes: 0 done, 1 failed (nothing changed), 2 usage, 4 refused (nothing changed).""";

    private MoveCommand() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Path from = null;
        Path config = null;
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            out.println(USAGE_TEXT);
            return DONE;
        }
        if (args.length == 0 || !args[0].equals("move")) {
            err.println("which command?\n" + USAGE_TEXT);
            return USAGE;
        }
        for (int i = 1; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--from" -> from = value == null ? null : Path.of(value);
                case "--database-config" -> config = value == null ? null : Path.of(value);
                default -> {
                    err.println("unknown argument " + args[i] + "\n" + USAGE_TEXT);
                    return USAGE;
                }
            }
            i++;
        }
        if (from == null || config == null) {
            err.println("move needs --from DIR and --database-config FILE\n" + USAGE_TEXT);
            return USAGE;
        }
        try {
            out.println(move(from, config));
            return DONE;
        } catch (Refused e) {
            err.println("secure-rest-api-data: " + e.getMessage());
            return REFUSED;
        } catch (SQLException | IOException | RuntimeException e) {
            err.println("secure-rest-api-data: the move failed, nothing was changed: " + e.getMessage());
            return FAILED;
        }
    }

    /** A move that must not start: the message says why and what to do. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    private static final String COLUMNS = "id, name, email, email_key, created_at, version";

    static String move(Path from, Path config) throws Refused, SQLException, IOException {
        if (!Files.isRegularFile(from.resolve("subscribers.mv.db"))) {
            throw new Refused(from + " holds no embedded database (no subscribers.mv.db): give the instance's data directory");
        }
        Properties target = new Properties();
        try (InputStream in = Files.newInputStream(config)) {
            target.load(in);
        }
        String url = target.getProperty("url", "").strip();
        if (url.isEmpty()) {
            throw new Refused(config + ": no url=jdbc:postgresql://HOST:PORT/DATABASE in it");
        }
        Properties credentials = new Properties();
        for (String key : new String[] {"user", "password"}) {
            if (target.getProperty(key) != null) {
                credentials.setProperty(key, target.getProperty(key));
            }
        }
        String source = Database.embeddedUrl(from) + ";IFEXISTS=TRUE";
        String where = url.replaceAll("\\?.*", "");
        try (Connection in = open(source, new Properties(), from + " (is an instance still using it? stop it first)")) {
            Database.migrate(source, new Properties());
            Database.migrate(url, credentials);
            try (Connection out = open(url, credentials, where)) {
                return copy(in, out, from, where);
            }
        }
    }

    private static Connection open(String url, Properties credentials, String what) throws Refused {
        try {
            return DriverManager.getConnection(url, credentials);
        } catch (SQLException e) {
            throw new Refused("cannot open " + what + ": " + e.getMessage());
        }
    }

    private static String copy(Connection in, Connection out, Path from, String where) throws Refused, SQLException {
        long already = count(out);
        if (already > 0) {
            throw new Refused(where + " already has " + already + " subscribers: the move only fills an empty table");
        }
        out.setAutoCommit(false);
        long moved = 0;
        long highest = 0;
        try (Statement read = in.createStatement();
             ResultSet rows = read.executeQuery("SELECT " + COLUMNS + " FROM subscribers ORDER BY id");
             PreparedStatement write = out.prepareStatement("INSERT INTO subscribers (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)")) {
            while (rows.next()) {
                highest = rows.getLong(1);
                write.setLong(1, highest);
                write.setString(2, rows.getString(2));
                write.setString(3, rows.getString(3));
                write.setString(4, rows.getString(4));
                write.setObject(5, rows.getObject(5, java.time.OffsetDateTime.class));
                write.setLong(6, rows.getLong(6));
                write.addBatch();
                if (++moved % 1000 == 0) {
                    write.executeBatch();
                }
            }
            write.executeBatch();
            try (Statement restart = out.createStatement()) {
                // portable to H2 and PostgreSQL: the next id the database gives is past every moved one
                restart.execute("ALTER TABLE subscribers ALTER COLUMN id RESTART WITH " + (highest + 1));
            }
            if (count(out) != moved) {
                throw new SQLException("the target counts other than " + moved + " subscribers after the copy");
            }
            out.commit();
        } catch (SQLException e) {
            out.rollback();
            throw e;
        }
        return "Moved " + moved + " subscribers from " + from + " to " + where + (moved == 0 ? "" : "; new ids start at " + (highest + 1));
    }

    private static long count(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM subscribers")) {
            count.next();
            return count.getLong(1);
        }
    }
}
