package dev.securerestapi.it.support;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.stream.Stream;

/** Authorization header values a client may send that carry no usable credentials. */
public record MalformedAuthorization(String name, byte[] value) {

    /** Where a case needs a real user name, it is carol's: wrong passwords never touch admin or roy. */
    public static Stream<MalformedAuthorization> values() {
        String good = b64("admin:SuperSecretPwd");
        return Stream.of(
                of("no scheme", good),
                of("another scheme", "Bearer " + good),
                of("digest scheme", "Digest username=\"admin\""),
                of("scheme only", "Basic"),
                of("scheme and space only", "Basic "),
                of("invalid base64", "Basic !!!not-base64!!!"),
                of("base64 with a bad length", "Basic YWRtaW46U"),
                of("no colon", "Basic " + b64("adminSuperSecretPwd")),
                of("empty user", "Basic " + b64(":SuperSecretPwd")),
                of("empty password", "Basic " + b64("carol:")),
                of("empty pair", "Basic " + b64(":")),
                of("not UTF-8", "Basic " + Base64.getEncoder().encodeToString(new byte[] {'a', 'd', (byte) 0xC3, ':', 'x'})),
                of("control character in the decoded user", "Basic " + b64("ad\u0001min:SuperSecretPwd")),
                of("control character in the decoded password", "Basic " + b64("carol:carol\u0000-pass")),
                of("NUL after the right password", "Basic " + b64("carol:carol-pass\u0000")),
                new MalformedAuthorization("control character in the header",
                        ("Basic " + good.substring(0, 4) + "\u0001" + good.substring(4)).getBytes(StandardCharsets.ISO_8859_1)),
                of("header over 8 KB", "Basic " + "QUFB".repeat(2_100)),
                of("another user's password", "Basic " + b64("carol:SuperSecretPwd")));
    }

    private static MalformedAuthorization of(String name, String value) {
        return new MalformedAuthorization(name, value.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return name;
    }
}
