import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import dev.securerestapi.realm.tokens.FileTokens;
import dev.securerestapi.realm.tokens.StoredToken;
import dev.securerestapi.realm.tokens.TokenDigest;

/**
 * Access tokens for bench/tokens.sh, beside a realm file ColdRealm made: N read tokens, shared out
 * among the realm's USERS users ({@code cold-I}), written as the server writes them (the key in
 * {@code FILE.token-key}, the digests in {@code FILE.tokens}, by the login core's own code), and
 * one {@code Authorization} header per token in AUTH_FILE, for bench/cold.lua. Run with the users
 * command's jar on the class path:
 * {@code java -cp target/secure-rest-api-users.jar bench/ColdTokens.java REALM_FILE USERS N AUTH_FILE}.
 */
public class ColdTokens {
    public static void main(String[] args) throws Exception {
        Path realm = Path.of(args[0]);
        int users = Integer.parseInt(args[1]);
        int count = Integer.parseInt(args[2]);
        byte[] key = TokenDigest.newKey();
        Path keyFile = realm.resolveSibling(realm.getFileName() + ".token-key");
        Files.writeString(keyFile, HexFormat.of().formatHex(key) + "\n");
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
        TokenDigest digests = new TokenDigest(key);
        Instant now = Instant.now();
        List<StoredToken> tokens = new ArrayList<>(count);
        StringBuilder auth = new StringBuilder();
        for (int i = 0; i < count; i++) {
            String user = "cold-" + (i % users + 1);
            String secret = TokenDigest.secret();
            tokens.add(new StoredToken(TokenDigest.newId(), user, digests.of(secret), "bench-" + i, StoredToken.READ, now,
                    now.plus(Duration.ofDays(1)), null, null));
            auth.append("Basic ").append(Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8)))
                    .append('\n');
        }
        FileTokens.edit(FileTokens.beside(realm), existing -> tokens);
        Files.writeString(Path.of(args[3]), auth);
        System.out.printf("%d tokens for %d users%n", count, users);
    }
}
