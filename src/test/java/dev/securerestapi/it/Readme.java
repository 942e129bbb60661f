package dev.securerestapi.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/**
 * The shell blocks of README.md that the tests run as they stand, each found by the HTML comment
 * {@code <!-- it:NAME ... -->} just before it. Editing the README edits what the tests do.
 */
final class Readme {

    private static final String FENCE_OPEN = "```sh\n";
    private static final String FENCE_CLOSE = "\n```";

    private Readme() {}

    static String block(String name) {
        String text;
        try {
            text = Files.readString(ItConfig.readme(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int marker = text.indexOf("<!-- it:" + name + " ");
        if (marker < 0) {
            throw new IllegalStateException("README.md has no block marked <!-- it:" + name + " -->");
        }
        int open = text.indexOf(FENCE_OPEN, marker);
        int close = text.indexOf(FENCE_CLOSE, open + FENCE_OPEN.length());
        if (open < 0 || close < 0 || !text.substring(marker, open).strip().endsWith("-->")) {
            throw new IllegalStateException("the README marker it:" + name + " is not followed by a ```sh block");
        }
        return text.substring(open + FENCE_OPEN.length(), close + 1);
    }
}
