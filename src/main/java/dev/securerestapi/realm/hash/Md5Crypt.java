package dev.securerestapi.realm.hash;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Apache's {@code $apr1$} (the MD5-based crypt htpasswd writes with {@code -m}): computed here only
 * to check a password against an imported entry that {@link Wrapped} keeps inside Argon2id.
 */
final class Md5Crypt {

    private static final String MAGIC = "$apr1$";
    private static final String ITOA64 = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private Md5Crypt() {}

    /** {@code $apr1$salt$hash} for {@code password} (UTF-8) and {@code salt} (at most 8 characters). */
    static String apr1(String password, String salt) {
        byte[] pw = password.getBytes(StandardCharsets.UTF_8);
        byte[] s = salt.getBytes(StandardCharsets.US_ASCII);
        MessageDigest ctx = md5();
        ctx.update(pw);
        ctx.update(MAGIC.getBytes(StandardCharsets.US_ASCII));
        ctx.update(s);
        MessageDigest alt = md5();
        alt.update(pw);
        alt.update(s);
        alt.update(pw);
        byte[] fin = alt.digest();
        for (int left = pw.length; left > 0; left -= 16) {
            ctx.update(fin, 0, Math.min(left, 16));
        }
        for (int i = pw.length; i != 0; i >>>= 1) {
            ctx.update((i & 1) != 0 ? 0 : (pw.length > 0 ? pw[0] : 0));
        }
        fin = ctx.digest();
        for (int i = 0; i < 1000; i++) {
            MessageDigest round = md5();
            round.update((i & 1) != 0 ? pw : fin);
            if (i % 3 != 0) {
                round.update(s);
            }
            if (i % 7 != 0) {
                round.update(pw);
            }
            round.update((i & 1) != 0 ? fin : pw);
            fin = round.digest();
        }
        StringBuilder out = new StringBuilder(MAGIC).append(salt).append('$');
        int[][] groups = {{0, 6, 12}, {1, 7, 13}, {2, 8, 14}, {3, 9, 15}, {4, 10, 5}};
        for (int[] g : groups) {
            to64(out, ((fin[g[0]] & 0xff) << 16) | ((fin[g[1]] & 0xff) << 8) | (fin[g[2]] & 0xff), 4);
        }
        to64(out, fin[11] & 0xff, 2);
        return out.toString();
    }

    private static void to64(StringBuilder out, int value, int chars) {
        for (int i = 0; i < chars; i++) {
            out.append(ITOA64.charAt(value & 0x3f));
            value >>>= 6;
        }
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
