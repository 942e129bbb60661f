package dev.securerestapi.realm.login;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import dev.securerestapi.realm.hash.Password;

/**
 * The user-id and password of an RFC 7617 {@code Authorization: Basic} value, as every check of
 * the login sees them (the throttle, the verified-login cache and the realm). Container-side code,
 * used only by the authenticators the project installs in Jetty and Tomcat: the application never
 * reads this header.
 *
 * <p>The decoded bytes are read as UTF-8, which the challenge asks for (RFC 7617). Bytes that are
 * not valid UTF-8 are read as ISO-8859-1 instead, as clients such as Python's {@code requests} and
 * older browsers send them. Never both ways: valid UTF-8 is only ever UTF-8, so one byte sequence
 * is one password, and a password's UTF-8 bytes never log in as the password those bytes spell in
 * ISO-8859-1. Both parts are then put in NFC ({@link Password#normalized}).
 */
public record BasicCredentials(String user, String password) {

    private static final String SCHEME = "Basic";

    /**
     * The credentials, or empty for anything that does not carry a readable pair: another scheme,
     * no credentials after the scheme, invalid base64, no colon, an empty user-id, or control
     * characters, C0 or C1 (which RFC 7617 excludes from both parts).
     */
    public static Optional<BasicCredentials> parse(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        int space = authorization.indexOf(' ');
        if (space <= 0 || !SCHEME.equalsIgnoreCase(authorization.substring(0, space))) {
            return Optional.empty();
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(authorization.substring(space + 1).strip());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String pair = decode(raw);
        int colon = pair.indexOf(':');
        if (colon <= 0 || pair.chars().anyMatch(Character::isISOControl)) {
            return Optional.empty();
        }
        return Optional.of(new BasicCredentials(Password.normalized(pair.substring(0, colon)),
                Password.normalized(pair.substring(colon + 1))));
    }

    /** UTF-8 when the bytes are valid UTF-8, ISO-8859-1 (which reads any bytes) when they are not. */
    private static String decode(byte[] raw) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw))
                    .toString();
        } catch (CharacterCodingException notUtf8) {
            return new String(raw, StandardCharsets.ISO_8859_1);
        }
    }

    @Override
    public String toString() {
        return "BasicCredentials[user=" + user + ", password=(hidden)]";
    }
}
