package dev.securerestapi.realm.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import dev.securerestapi.realm.users.PasswordPolicy.Rule;
import org.junit.jupiter.api.Test;

/** The password policy's rules, one by one, each refusal naming its rule and never the password (ASVS 5.0 V6.2). */
class PasswordPolicyTest {

    private final PasswordPolicy policy = new PasswordPolicy(8);

    private Optional<Rule> rule(String name, String password) {
        Optional<PasswordPolicy.Refusal> refusal = policy.refusal(name, password);
        // ("password" itself is a word of every message)
        refusal.filter(r -> !password.equalsIgnoreCase("password"))
                .ifPresent(r -> assertFalse(r.message().contains(password), "the password is never in the message: " + r.message()));
        return refusal.map(PasswordPolicy.Refusal::rule);
    }

    @Test
    void eightCharactersAfterNfcAreEnoughAndSevenAreNot() {
        assertEquals(Optional.of(Rule.TOO_SHORT), rule("ann", "quokka7"));
        assertEquals(Optional.empty(), rule("ann", "quokka77"));
        // seven composed characters, nine code points decomposed: counted as the realm reads them, in NFC
        assertEquals(Optional.of(Rule.TOO_SHORT), rule("ann", "qu\u0308o\u0308kka"));
        assertEquals(Optional.of(Rule.TOO_SHORT), new PasswordPolicy(15).refusal("ann", "quokka-quokka7").map(PasswordPolicy.Refusal::rule));
    }

    @Test
    void sixtyFourCharactersAndMoreAreTakenUpToTheByteLimit() {
        assertEquals(Optional.empty(), rule("ann", "a-long-passphrase ".repeat(4)));
        assertEquals(Optional.empty(), rule("ann", "z".repeat(PasswordPolicy.MAX_BYTES)));
        assertEquals(Optional.of(Rule.TOO_LONG), rule("ann", "z".repeat(PasswordPolicy.MAX_BYTES + 1)));
        assertEquals(Optional.of(Rule.TOO_LONG), rule("ann", "\u00e9".repeat(PasswordPolicy.MAX_BYTES / 2 + 1)), "bytes, not characters");
    }

    @Test
    void noCompositionRule() {
        for (String password : List.of("all lower case words", "ALLUPPERCASEWORDS", "0123456789012", "\u00fcberm\u00e4\u00dfig-gro\u00df")) {
            assertEquals(Optional.empty(), rule("ann", password), password);
        }
    }

    @Test
    void commonPasswordsAreRefusedWhateverTheirCase() {
        for (String password : List.of("password", "12345678", "PassWord", "qwertyuiop", "iloveyou", "trustno1", "1qaz2wsx")) {
            assertEquals(Optional.of(Rule.COMMON), rule("ann", password), password);
        }
        assertTrue(PasswordPolicy.commonCount() >= 10_000, "the list has " + PasswordPolicy.commonCount());
    }

    @Test
    void theListNamesItsSourceAndLicence() throws Exception {
        String list = Files.readString(Path.of("src/main/resources/dev/securerestapi/realm/users/common-passwords.txt"));
        assertTrue(list.startsWith("# The passwords the password policy refuses"), "a header");
        assertTrue(list.contains("zxcvbn 4.4.2") && list.contains("Mark Burnett") && list.contains("Dropbox, Inc.")
                && list.contains("Permission is hereby granted"), "the source and its MIT licence");
    }

    @Test
    void theUsersNameOrTheServicesNameInsideIsRefused() {
        assertEquals(Optional.of(Rule.CONTAINS_NAME), rule("grace", "my-Grace-2026!"));
        assertEquals(Optional.of(Rule.CONTAINS_NAME), rule("carol@example.org", "x-carol-x-99"), "an email address's local part");
        assertEquals(Optional.empty(), rule("al", "also-fine-here"), "two letters are too common a part to refuse");
        assertEquals(Optional.of(Rule.CONTAINS_SERVICE), rule("ann", "Secure-Rest-API-2026"));
        assertEquals(Optional.of(Rule.CONTAINS_SERVICE), rule("ann", "my securerestapi pass"));
    }

    @Test
    void controlCharactersAreRefusedForHttpBasicCannotCarryThem() {
        assertEquals(Optional.of(Rule.CONTROL_CHARACTERS), rule("ann", "tab\there-long"));
    }

    @Test
    void aMinimumOutsideEightToSixtyFourIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new PasswordPolicy(7));
        assertThrows(IllegalArgumentException.class, () -> new PasswordPolicy(65));
    }
}
