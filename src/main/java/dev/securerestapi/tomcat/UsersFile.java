package dev.securerestapi.tomcat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
     * @param refusals one log line for each entry nobody can log in with ({@link RealmEntry#refusal})
     * @param refused the names of those entries
     * @param unknownUser what a login for any other name is checked against
     */
    record Readable(List<RealmEntry> users, List<String> refusals, List<String> refused, Pbkdf2 unknownUser) implements UsersFile {}

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
            List<RealmEntry> refused = users.stream().filter(user -> user.refusal().isPresent()).toList();
            return new Readable(users,
                    refused.stream().map(user -> user.refusal().orElseThrow()).toList(),
                    refused.stream().map(RealmEntry::name).toList(),
                    Pbkdf2.unknownUser(users.stream().filter(user -> user.refusal().isEmpty()).map(RealmEntry::stored).toList()));
        } catch (MalformedRealmFile e) {
            return new Unusable(" line " + e.line() + ": " + e.reason());
        } catch (IOException e) {
            return new Unusable(": cannot read it: " + e.getMessage());
        }
    }
}
