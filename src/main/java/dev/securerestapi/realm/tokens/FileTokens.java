package dev.securerestapi.realm.tokens;

import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;

import dev.securerestapi.credentials.AccessTokens;
import dev.securerestapi.realm.Background;
import dev.securerestapi.realm.RealmFileStore;

/**
 * The access tokens of a single-node set-up, in {@code FILE.tokens} beside its realm file
 * {@code FILE}: one token per line, its fields separated by tabs (id, user, digest, scope, created,
 * expires, last used, last address, name; names percent-encoded, times in epoch milliseconds).
 * The server and the users command change it as they change the realm file: under its lock, by
 * atomic replace ({@link RealmFileStore}), owner-only when new. Looked at every second and read
 * again when it changed. The digests' key is in {@code FILE.token-key}, owner-only, made by the
 * server at its first need.
 */
public final class FileTokens implements TokenStore {

    private static final Logger LOG = Logger.getLogger(FileTokens.class.getName());
    private static final String HEADER = "# secure-rest-api access tokens, written by the server and the users command: never edit by hand.\n"
            + "# Each line: id, user, HMAC of the secret, scope, created, expires, last used, last address, name (tab-separated).\n";

    private final Path file;
    private final Path keyFile;
    private final ScheduledExecutorService reader;
    private volatile Map<String, StoredToken> byDigest = Map.of();
    private String seen = "";
    private boolean refusedLogged;

    public FileTokens(Path realmFile) {
        this.file = beside(realmFile);
        this.keyFile = realmFile.resolveSibling(realmFile.getFileName() + ".token-key");
        this.reader = Background.thread("secure-rest-api token file");
        look();
        reader.scheduleWithFixedDelay(this::look, 1, 1, TimeUnit.SECONDS);
    }

    /** The token file of {@code realmFile}. */
    public static Path beside(Path realmFile) {
        return realmFile.resolveSibling(realmFile.getFileName() + ".tokens");
    }

    private synchronized void look() {
        try {
            String now = Files.isRegularFile(file) ? Files.getLastModifiedTime(file).toMillis() + "/" + Files.size(file) : "missing";
            if (now.equals(seen)) {
                return;
            }
            Map<String, StoredToken> read = new HashMap<>();
            for (StoredToken token : read(file)) {
                read.put(token.digest(), token);
            }
            byDigest = Map.copyOf(read);
            seen = now;
            refusedLogged = false;
        } catch (IOException | RuntimeException e) {
            if (!refusedLogged) {
                refusedLogged = true;
                LOG.severe("Access tokens: " + file + " cannot be read (" + e.getMessage() + "); the tokens read before stay in force");
            }
        }
    }

    /** The tokens of {@code file}; none when there is no such file. */
    public static List<StoredToken> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<StoredToken> tokens = new ArrayList<>();
        int number = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length != 9) {
                throw new IOException("line " + number + " is not a token");
            }
            try {
                tokens.add(new StoredToken(f[0], decode(f[1]), f[2], decode(f[8]), f[3], Instant.ofEpochMilli(Long.parseLong(f[4])),
                        Instant.ofEpochMilli(Long.parseLong(f[5])), f[6].equals("-") ? null : Instant.ofEpochMilli(Long.parseLong(f[6])),
                        f[7].equals("-") ? null : f[7]));
            } catch (IllegalArgumentException e) {
                throw new IOException("line " + number + " is not a token");
            }
        }
        return tokens;
    }

    /**
     * Rewrites {@code file} with what {@code edit} makes of its tokens, under the realm file's kind
     * of lock, by atomic replace.
     */
    public static void edit(Path file, UnaryOperator<List<StoredToken>> edit) throws RealmFileStore.Unwritable, IOException {
        try (RealmFileStore store = RealmFileStore.open(file)) {
            List<StoredToken> before = read(file);
            List<StoredToken> after = edit.apply(new ArrayList<>(before));
            if (after != null && !after.equals(before)) {
                store.write(content(after));
            }
        }
    }

    private static byte[] content(List<StoredToken> tokens) {
        StringBuilder text = new StringBuilder(HEADER);
        for (StoredToken t : tokens) {
            text.append(t.id()).append('\t').append(encode(t.user())).append('\t').append(t.digest()).append('\t').append(t.scope())
                    .append('\t').append(t.created().toEpochMilli()).append('\t').append(t.expires().toEpochMilli()).append('\t')
                    .append(t.lastUsed() == null ? "-" : Long.toString(t.lastUsed().toEpochMilli())).append('\t')
                    .append(t.lastAddress() == null ? "-" : t.lastAddress()).append('\t').append(encode(t.name())).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Map<String, StoredToken> byDigest() {
        return byDigest;
    }

    @Override
    public List<StoredToken> of(String user) {
        java.util.Collection<StoredToken> tokens;
        try {
            tokens = read(file);
        } catch (IOException e) {
            tokens = byDigest.values(); // as the logins have them: the tokens read last (the log says why)
        }
        return tokens.stream().filter(t -> t.user().equals(user)).sorted(Comparator.comparing(StoredToken::created).reversed()).toList();
    }

    @Override
    public Refusal add(StoredToken token, int max) {
        Refusal[] refusal = new Refusal[1];
        change(tokens -> {
            List<StoredToken> mine = tokens.stream().filter(t -> t.user().equals(token.user())).toList();
            if (mine.stream().anyMatch(t -> t.name().equals(token.name()))) {
                refusal[0] = Refusal.NAME_TAKEN;
                return null;
            }
            if (mine.size() >= max) {
                refusal[0] = Refusal.TOO_MANY;
                return null;
            }
            tokens.add(token);
            return tokens;
        });
        return refusal[0];
    }

    @Override
    public boolean revoke(String user, String id) {
        boolean[] removed = new boolean[1];
        change(tokens -> {
            removed[0] = tokens.removeIf(t -> t.user().equals(user) && t.id().equals(id));
            return tokens;
        });
        return removed[0];
    }

    @Override
    public void used(Map<String, Use> uses) {
        change(tokens -> {
            tokens.replaceAll(t -> uses.containsKey(t.id()) ? t.usedAt(uses.get(t.id()).at(), uses.get(t.id()).address()) : t);
            return tokens;
        });
    }

    private void change(UnaryOperator<List<StoredToken>> edit) {
        try {
            edit(file, edit);
        } catch (RealmFileStore.Unwritable | IOException | RuntimeException e) {
            LOG.warning("Access tokens: " + file + " cannot be written by this process (" + e.getMessage() + ")");
            throw new AccessTokens.NotStored("the server may not write its token file beside its users file", false);
        }
        readAgain();
    }

    /** After this instance's own change: in force here at once, whatever the file's time says. */
    private synchronized void readAgain() {
        seen = "";
        look();
    }

    @Override
    public synchronized byte[] key() {
        try {
            if (Files.isSymbolicLink(keyFile)) {
                throw new IOException("it is a symbolic link");
            }
            if (!Files.exists(keyFile, LinkOption.NOFOLLOW_LINKS)) {
                byte[] key = TokenDigest.newKey();
                try {
                    Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(keyFile, java.util.HexFormat.of().formatHex(key) + "\n");
                    return key;
                } catch (FileAlreadyExistsException raced) {
                    // the users command or another start made it meanwhile: read theirs
                }
            }
            return java.util.HexFormat.of().parseHex(Files.readString(keyFile).strip());
        } catch (IOException | IllegalArgumentException | UnsupportedOperationException e) {
            throw new AccessTokens.NotStored("the server cannot keep its token key beside its users file", false);
        }
    }

    @Override
    public void close() {
        reader.shutdownNow();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
