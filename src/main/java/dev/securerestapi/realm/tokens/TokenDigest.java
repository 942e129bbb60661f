package dev.securerestapi.realm.tokens;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Token secrets and the one form they are stored in. A secret is {@value #PREFIX} and 32 random
 * bytes in base64url (256 bits: no guess, online or offline, finds one, so no slow hash is needed);
 * the prefix lets secret scanners find a leaked one. A store holds only HMAC-SHA256 of the secret
 * under the deployment's token key, which is kept apart from the digests: a copy of the store
 * alone neither logs anyone in nor lets anyone test a guess offline, and a look-up by digest
 * tells a timing observer nothing about any stored secret.
 */
public final class TokenDigest {

    /** What every secret begins with (and no password may: the password policy refuses it). */
    public static final String PREFIX = "srapi_";
    private static final int SECRET_LENGTH = PREFIX.length() + 43;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ThreadLocal<Mac> mac;

    public TokenDigest(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("a token key has at least 32 bytes");
        }
        SecretKeySpec spec = new SecretKeySpec(key, "HmacSHA256");
        this.mac = ThreadLocal.withInitial(() -> {
            try {
                Mac m = Mac.getInstance("HmacSHA256");
                m.init(spec);
                return m;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is not available", e);
            }
        });
    }

    /** A new secret. */
    public static String secret() {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /** A new key for a deployment's digests. */
    public static byte[] newKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return key;
    }

    /** A token's public id: 64 random bits in hex, for URLs and the users command. */
    public static String newId() {
        byte[] id = new byte[8];
        RANDOM.nextBytes(id);
        return HexFormat.of().formatHex(id);
    }

    /** Whether {@code password} is sent as a token: it has the prefix (its length and alphabet are the look-up's business). */
    public static boolean isToken(String password) {
        return password.startsWith(PREFIX);
    }

    /** Whether {@code secret} has the form of one this class makes. */
    static boolean wellFormed(String secret) {
        if (secret.length() != SECRET_LENGTH || !secret.startsWith(PREFIX)) {
            return false;
        }
        for (int i = PREFIX.length(); i < secret.length(); i++) {
            char c = secret.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /** The stored form of {@code secret}: 64 hex digits. */
    public String of(String secret) {
        return HexFormat.of().formatHex(mac.get().doFinal(secret.getBytes(StandardCharsets.UTF_8)));
    }
}
