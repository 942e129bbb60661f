package dev.securerestapi.app.subscribers;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.securerestapi.app.problem.ProblemException;

/**
 * RFC 9110's {@code If-Match} and {@code If-None-Match} against a subscriber's strong entity tag
 * ({@link Subscriber#etag}): {@code *} or a comma-separated list of tags. If-Match compares
 * strongly (a weak tag never matches), If-None-Match weakly. Anything else in the header is a 400.
 */
final class Preconditions {

    private static final Pattern TAG = Pattern.compile("\\s*(W/)?\"([\\x21\\x23-\\x7e\\x80-\\xff]*)\"\\s*(,|$)");

    private Preconditions() {}

    /** Whether {@code ifMatch} (null: no condition) lets a write to {@code current} go ahead. */
    static boolean ifMatchHolds(String ifMatch, Subscriber current) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return true; // "*": any current representation; the subscriber exists, or the caller answered 404
        }
        String version = Long.toString(current.version());
        return tags("If-Match", ifMatch).stream().anyMatch(tag -> !tag.weak() && tag.opaque().equals(version));
    }

    /** Whether {@code ifNoneMatch} (null: no condition) asks for the representation: false means 304. */
    static boolean ifNoneMatchHolds(String ifNoneMatch, Subscriber current) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return true;
        }
        if (ifNoneMatch.strip().equals("*")) {
            return false;
        }
        String version = Long.toString(current.version());
        return tags("If-None-Match", ifNoneMatch).stream().noneMatch(tag -> tag.opaque().equals(version));
    }

    private record Tag(boolean weak, String opaque) {}

    private static List<Tag> tags(String header, String value) {
        List<Tag> tags = new ArrayList<>();
        Matcher m = TAG.matcher(value);
        int at = 0;
        while (at < value.length() && m.find(at) && m.start() == at) {
            tags.add(new Tag(m.group(1) != null, m.group(2)));
            at = m.end();
        }
        if (at < value.length() || tags.isEmpty()) {
            throw new ProblemException(400, header + " must be * or a list of entity tags such as \"3\".");
        }
        return tags;
    }
}
