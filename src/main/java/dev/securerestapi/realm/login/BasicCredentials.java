package dev.securerestapi.realm.login;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The user-id and password of an RFC 7617 {@code Authorization: Basic} value. Container-side code,
 * used only by the authenticators the WAR installs in Jetty and the Tomcat add-on: the application
 * never reads this header.
 */
public record BasicCredentials(String user, String password) {

    private static final String SCHEME = "Basic";

    /**
     * The credentials, or empty for anything that does not carry a readable pair: another scheme,
     * no credentials after the scheme, invalid base64, bytes that are not UTF-8, no colon, an
     * empty user-id, or control characters (which RFC 7617 excludes from both parts).
     */
    public static Optional<BasicCredentials> parse(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        int space = authorization.indexOf(' ');
        if (space <= 0 || !SCHEME.equalsIgnoreCase(authorization.substring(0, space))) {
            return Optional.empty();
        }
        String pair;
        try {
            byte[] raw = Base64.getDecoder().decode(authorization.substring(space + 1).strip());
            pair = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw))
                    .toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            return Optional.empty();
        }
        int colon = pair.indexOf(':');
        if (colon <= 0 || pair.chars().anyMatch(Character::isISOControl)) {
            return Optional.empty();
        }
        return Optional.of(new BasicCredentials(pair.substring(0, colon), pair.substring(colon + 1)));
    }

    @Override
    public String toString() {
        return "BasicCredentials[user=" + user + ", password=(hidden)]";
    }
}
