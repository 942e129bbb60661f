package dev.securerestapi.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The shell blocks of README.md and docs/*.md that the tests run as they stand, each found by the
 * HTML comment {@code <!-- it:NAME ... -->} just before it. Editing the docs edits what the tests do.
 */
public final class DocBlocks {

    private static final String FENCE_OPEN = "```sh\n";
    private static final String FENCE_CLOSE = "\n```";

    private DocBlocks() {}

    public static String block(String name) {
        String marker = "<!-- it:" + name + " ";
        List<String> found = new ArrayList<>();
        for (Path page : pages()) {
            String text = read(page);
            int at = text.indexOf(marker);
            if (at < 0) {
                continue;
            }
            if (text.indexOf(marker, at + 1) >= 0) {
                throw new IllegalStateException(page + " marks two blocks it:" + name);
            }
            int open = text.indexOf(FENCE_OPEN, at);
            int close = text.indexOf(FENCE_CLOSE, open + FENCE_OPEN.length());
            if (open < 0 || close < 0 || !text.substring(at, open).strip().endsWith("-->")) {
                throw new IllegalStateException("the marker it:" + name + " in " + page + " is not followed by a ```sh block");
            }
            found.add(text.substring(open + FENCE_OPEN.length(), close + 1));
        }
        if (found.size() != 1) {
            throw new IllegalStateException(found.isEmpty()
                    ? "neither README.md nor docs/ has a block marked <!-- it:" + name + " -->"
                    : "more than one page marks a block it:" + name);
        }
        return found.get(0);
    }

    private static List<Path> pages() {
        List<Path> pages = new ArrayList<>(List.of(ItConfig.readme()));
        Path docs = ItConfig.projectDir().resolve("docs");
        if (Files.isDirectory(docs)) {
            try (Stream<Path> files = Files.list(docs)) {
                files.filter(f -> f.toString().endsWith(".md")).sorted().forEach(pages::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return pages;
    }

    private static String read(Path page) {
        try {
            return Files.readString(page, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
