package dev.securerestapi.realm.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import dev.securerestapi.realm.ExposedFile;
import dev.securerestapi.realm.RealmEntry;
import dev.securerestapi.realm.RealmFile;
import dev.securerestapi.realm.RealmFileStore;
import dev.securerestapi.realm.tokens.FileTokens;
import dev.securerestapi.realm.tokens.StoredToken;

/** The users of a realm file, read once and replaced atomically by each edit ({@link RealmFileStore}). */
final class FileUsers implements Users {

    private final RealmFileStore store;
    private final RealmFile.Format format;
    private RealmFile realm;

    private FileUsers(RealmFileStore store, RealmFile.Format format) {
        this.store = store;
        this.format = format;
    }

    /** @param edits whether the command changes the file: then it is locked, and a file others can read is warned about */
    static FileUsers open(Path file, RealmFile.Format format, boolean edits, java.io.PrintStream err) throws Failure {
        FileUsers users = new FileUsers(edits ? unless(() -> RealmFileStore.open(file)) : RealmFileStore.reading(file), format);
        if (edits) {
            ExposedFile.warning(users.store.path()).ifPresent(warning -> err.println("secure-rest-api-users: warning: " + warning));
        }
        return users;
    }

    @Override
    public String where() {
        return store.path().toString();
    }

    @Override
    public boolean creates() {
        return !store.exists();
    }

    @Override
    public List<RealmEntry> entries() throws Failure {
        return realm().entries();
    }

    private RealmFile realm() throws Failure {
        if (realm == null) {
            if (store.exists()) {
                realm = unless(() -> store.read(format));
            } else if (format != null) {
                realm = RealmFile.empty(format);
            } else {
                throw new Failure(Failure.FILE, store.path() + ": no such file (to create it, add --format jetty or --format tomcat)");
            }
        }
        return realm;
    }

    @Override
    public void add(String user, String hash, List<String> roles) throws Failure {
        change(file -> file.withAdded(user, hash, roles));
    }

    @Override
    public void addAll(List<RealmEntry> entries) throws Failure {
        change(file -> {
            RealmFile next = file;
            for (RealmEntry entry : entries) {
                next = next.withAdded(entry.name(), entry.stored(), entry.roles());
            }
            return next;
        });
    }

    @Override
    public void passwd(String user, String hash) throws Failure {
        change(file -> file.withPassword(user, hash));
    }

    @Override
    public void roles(String user, List<String> roles) throws Failure {
        change(file -> file.withRoles(user, roles));
    }

    @Override
    public void remove(String user) throws Failure {
        change(file -> file.without(user));
        editTokens(tokens -> {
            tokens.removeIf(t -> t.user().equals(user));
            return tokens;
        });
    }

    @Override
    public List<StoredToken> tokens(String user) throws Failure {
        try {
            return FileTokens.read(FileTokens.beside(store.path())).stream().filter(t -> t.user().equals(user))
                    .sorted(java.util.Comparator.comparing(StoredToken::created).reversed()).toList();
        } catch (IOException e) {
            throw new Failure(Failure.FILE, FileTokens.beside(store.path()) + ": " + e.getMessage());
        }
    }

    @Override
    public boolean revokeToken(String user, String id) throws Failure {
        boolean[] removed = new boolean[1];
        editTokens(tokens -> {
            removed[0] = tokens.removeIf(t -> t.user().equals(user) && t.id().equals(id));
            return tokens;
        });
        return removed[0];
    }

    /** Replaces the token file beside the realm file, under its lock, when there is one. */
    private void editTokens(UnaryOperator<List<StoredToken>> edit) throws Failure {
        Path tokens = FileTokens.beside(store.path());
        if (!java.nio.file.Files.exists(tokens)) {
            return;
        }
        try {
            FileTokens.edit(tokens, edit);
        } catch (RealmFileStore.Unwritable e) {
            throw new Failure(Failure.FILE, e.getMessage());
        } catch (IOException e) {
            throw new Failure(Failure.FILE, tokens + ": " + e.getMessage());
        }
    }

    /** Replaces the file with what {@code edit} makes of it as read: the whole edit, or (it would not read back) nothing. */
    private void change(UnaryOperator<RealmFile> edit) throws Failure {
        RealmFile current = realm();
        RealmFile edited = edit(() -> edit.apply(current));
        unless(() -> {
            store.write(edited);
            return null;
        });
    }

    private interface FileWork<T> {
        T run() throws RealmFileStore.Unwritable;
    }

    /** The work's result, or the command's failure for a file that cannot be read or replaced. */
    private static <T> T unless(FileWork<T> work) throws Failure {
        try {
            return work.run();
        } catch (RealmFileStore.Unwritable e) {
            throw new Failure(Failure.FILE, e.getMessage());
        }
    }

    private static RealmFile edit(Supplier<RealmFile> edit) throws Failure {
        try {
            return edit.get();
        } catch (IllegalStateException e) {
            throw new Failure(Failure.FILE, "refusing to write: " + e.getMessage() + "; nothing was changed");
        }
    }

    @Override
    public void close() throws Failure {
        try {
            store.close();
        } catch (IOException e) {
            throw new Failure(Failure.FILE, store.path() + ": " + e.getMessage());
        }
    }
}
