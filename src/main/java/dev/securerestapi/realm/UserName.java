package dev.securerestapi.realm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * User names under RFC 8265's UsernameCaseMapped profile (PRECIS): full-width and half-width forms
 * mapped to their ordinary ones, lower case, NFC, then only the code points the IdentifierClass
 * allows (letters, digits and printable ASCII; no spaces, symbols, controls, format characters or
 * compatibility forms) and the bidi rule. Two spellings that enforce to the same string are the
 * same name.
 *
 * <p>The rule here: a stored name must already be in that form (the users command creates no
 * other, and a realm entry under any other name lets nobody in), so each user has exactly one
 * spelling. A login names the user in that spelling; {@code ADMIN} or {@code ａｄｍｉｎ} is not
 * {@code admin} at the door, but it is {@code admin} to the login throttle ({@link #key}), so no
 * spelling buys an attacker more tries.
 */
public final class UserName {

    /** What a stored name must be, as messages say it. */
    public static final String REQUIRED = "in the form RFC 8265 (PRECIS UsernameCaseMapped) gives it: lower case, NFC, "
            + "no full-width forms, letters, digits and printable ASCII only";

    private UserName() {}

    /** The name as RFC 8265 enforces it, or empty when the profile does not allow it at all. */
    public static Optional<String> enforce(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.empty();
        }
        if (name.chars().allMatch(c -> c >= 0x21 && c <= 0x7E)) {
            return Optional.of(name.toLowerCase(Locale.ROOT)); // printable ASCII: its own NFC, left to right, in the class
        }
        StringBuilder widthMapped = new StringBuilder(name.length());
        name.codePoints().forEach(c -> widthMapped.append(isWidthForm(c)
                ? Normalizer.normalize(Character.toString(c), Normalizer.Form.NFKC) : Character.toString(c)));
        String enforced = Normalizer.normalize(widthMapped.toString().toLowerCase(Locale.ROOT), Normalizer.Form.NFC);
        if (enforced.isEmpty() || !enforced.codePoints().allMatch(UserName::identifierClass) || !bidiRuleHolds(enforced)) {
            return Optional.empty();
        }
        return Optional.of(enforced);
    }

    /** True when {@code name} is allowed and already in the form RFC 8265 gives it. */
    public static boolean isEnforced(String name) {
        return enforce(name).filter(name::equals).isPresent();
    }

    /**
     * The one key every spelling of a name shares, for counting failed logins: the enforced form,
     * or for a name the profile refuses, its compatibility-folded lower case. Never longer than
     * 64 characters: a longer name is kept as a digest, however long the names an attacker sends.
     */
    public static String key(String name) {
        String folded = enforce(name).orElseGet(() -> Normalizer.normalize(name, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT));
        if (folded.length() <= 64) {
            return folded;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(folded.getBytes(StandardCharsets.UTF_8));
            return "#" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 8265's width mapping: the characters whose decomposition is {@code <wide>} or {@code <narrow>}. */
    private static boolean isWidthForm(int c) {
        return c == 0x3000 || (c >= 0xFF01 && c <= 0xFFEE);
    }

    /** RFC 8264's IdentifierClass: ASCII7 printable, or LetterDigits without compatibility forms. */
    private static boolean identifierClass(int c) {
        if (c >= 0x21 && c <= 0x7E) {
            return true;
        }
        if (c < 0x80) {
            return false;
        }
        int type = Character.getType(c);
        boolean letterDigit = type == Character.LOWERCASE_LETTER || type == Character.UPPERCASE_LETTER
                || type == Character.OTHER_LETTER || type == Character.DECIMAL_DIGIT_NUMBER || type == Character.MODIFIER_LETTER
                || type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK;
        boolean oldHangulJamo = (c >= 0x1100 && c <= 0x11FF) || (c >= 0xA960 && c <= 0xA97F) || (c >= 0xD7B0 && c <= 0xD7FF);
        return letterDigit && !oldHangulJamo && !hasCompat(c);
    }

    private static boolean hasCompat(int c) {
        String s = Character.toString(c);
        return !Normalizer.normalize(s, Normalizer.Form.NFKC).equals(Normalizer.normalize(s, Normalizer.Form.NFC));
    }

    /** RFC 5893's bidi rule, for names holding right-to-left characters. */
    private static boolean bidiRuleHolds(String name) {
        boolean rtl = name.codePoints().anyMatch(c -> {
            byte d = Character.getDirectionality(c);
            return d == Character.DIRECTIONALITY_RIGHT_TO_LEFT || d == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC
                    || d == Character.DIRECTIONALITY_ARABIC_NUMBER;
        });
        if (!rtl) {
            return true;
        }
        byte first = Character.getDirectionality(name.codePointAt(0));
        if (first != Character.DIRECTIONALITY_RIGHT_TO_LEFT && first != Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC) {
            return false;
        }
        boolean european = false;
        boolean arabic = false;
        for (int c : name.codePoints().toArray()) {
            byte d = Character.getDirectionality(c);
            switch (d) {
                case Character.DIRECTIONALITY_RIGHT_TO_LEFT, Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC,
                        Character.DIRECTIONALITY_EUROPEAN_NUMBER_SEPARATOR, Character.DIRECTIONALITY_COMMON_NUMBER_SEPARATOR,
                        Character.DIRECTIONALITY_EUROPEAN_NUMBER_TERMINATOR, Character.DIRECTIONALITY_OTHER_NEUTRALS,
                        Character.DIRECTIONALITY_BOUNDARY_NEUTRAL, Character.DIRECTIONALITY_NONSPACING_MARK -> { }
                case Character.DIRECTIONALITY_EUROPEAN_NUMBER -> european = true;
                case Character.DIRECTIONALITY_ARABIC_NUMBER -> arabic = true;
                default -> {
                    return false;
                }
            }
        }
        if (european && arabic) {
            return false;
        }
        int last = name.codePoints().filter(c -> Character.getDirectionality(c) != Character.DIRECTIONALITY_NONSPACING_MARK)
                .reduce((a, b) -> b).orElse(name.codePointAt(0));
        byte end = Character.getDirectionality(last);
        return end == Character.DIRECTIONALITY_RIGHT_TO_LEFT || end == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC
                || end == Character.DIRECTIONALITY_EUROPEAN_NUMBER || end == Character.DIRECTIONALITY_ARABIC_NUMBER;
    }
}
