package dev.securerestapi.tomcat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.securerestapi.realm.MalformedRealmFile;
import dev.securerestapi.realm.Pbkdf2;
import dev.securerestapi.realm.RealmEntry;
import dev.securerestapi.realm.TomcatUsersFile;

/**
 * Tomcat's users file as the project reads it, strictly and once per change: the users, or why
 * the file holds none. Apart from {@link KeepLastGoodUserDatabase} so that it can be tested
 * without Tomcat.
 */
sealed interface UsersFile {

    /**
     * A readable, well-formed file.
     *
     * @param refused the names of the entries nobody can log in with, in file order, each with its
     *     log line ({@link RealmEntry#refusal})
     * @param unknownUser what a login for any other name is checked against
     */
    record Readable(List<RealmEntry> users, Map<String, String> refused, Pbkdf2 unknownUser) implements UsersFile {}

    /**
     * A file that holds no users.
     *
     * @param where what follows the file's name in a message: {@code " line N: reason"} or {@code ": reason"}
     */
    record Unusable(String where) implements UsersFile {}

    static UsersFile read(Path file) {
        if (!Files.isRegularFile(file)) {
            return new Unusable(": no such file");
        }
        if (!Files.isReadable(file)) {
            return new Unusable(": not readable by this process");
        }
        try {
            List<RealmEntry> users = TomcatUsersFile.parse(Files.readAllBytes(file)).entries();
            Map<String, String> refused = new LinkedHashMap<>();
            List<String> usable = new ArrayList<>();
            for (RealmEntry user : users) {
                user.refusal().ifPresentOrElse(why -> refused.put(user.name(), why), () -> usable.add(user.stored()));
            }
            return new Readable(users, Collections.unmodifiableMap(refused), Pbkdf2.unknownUser(usable));
        } catch (MalformedRealmFile e) {
            return new Unusable(" line " + e.line() + ": " + e.reason());
        } catch (IOException e) {
            return new Unusable(": cannot read it: " + e.getMessage());
        }
    }
}
