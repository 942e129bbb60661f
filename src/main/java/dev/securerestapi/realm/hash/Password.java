package dev.securerestapi.realm.hash;

import java.text.Normalizer;

/**
 * Passwords compared as RFC 8265 (PRECIS OpaqueString) compares them: in Unicode Normalization
 * Form C. A composed {@code ü} and {@code u} followed by a combining diaeresis, which some input
 * methods produce for the same key, are then one password. The users command hashes this form,
 * and every check of a login (both containers, with the add-ons and without) compares this form.
 */
public final class Password {

    /** Below this code point every character is its own NFC and combines with nothing before it. */
    private static final char FIRST_COMBINING = '\u0300';

    private Password() {}

    /** {@code password} in NFC; the same string when it already is, as every ASCII password is. */
    public static String normalized(String password) {
        for (int i = 0; i < password.length(); i++) {
            if (password.charAt(i) >= FIRST_COMBINING) {
                return Normalizer.normalize(password, Normalizer.Form.NFC);
            }
        }
        return password;
    }
}
