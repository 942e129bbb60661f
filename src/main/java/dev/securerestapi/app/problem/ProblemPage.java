package dev.securerestapi.app.problem;

import java.util.Locale;

/**
 * The same problem as a small HTML page, for a browser: its {@code Accept} asks for
 * {@code text/html} ahead of JSON. Status and headers (the BASIC challenge, Retry-After) are the
 * same either way; API clients (curl sends {@code *}{@code /*}) keep getting problem+json.
 */
public final class ProblemPage {

    public static final String MEDIA_TYPE = "text/html;charset=UTF-8";

    private ProblemPage() {}

    /** True when {@code accept} rates text/html above both JSON types (wildcards count for neither). */
    public static boolean preferredBy(String accept) {
        if (accept == null) {
            return false;
        }
        double html = 0;
        double json = 0;
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].strip().toLowerCase(Locale.ROOT);
            double q = 1;
            for (int i = 1; i < parts.length; i++) {
                String parameter = parts[i].strip();
                if (parameter.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(parameter.substring(2));
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            if (type.equals("text/html")) {
                html = Math.max(html, q);
            } else if (type.equals("application/json") || type.equals(Problem.MEDIA_TYPE)) {
                json = Math.max(json, q);
            }
        }
        return html > 0 && html > json;
    }

    public static String render(Problem problem) {
        StringBuilder page = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\">")
                .append("<title>").append(problem.status()).append(' ').append(escape(problem.title())).append("</title></head>\n<body>\n")
                .append("<h1>").append(problem.status()).append(' ').append(escape(problem.title())).append("</h1>\n")
                .append("<p>").append(escape(problem.detail())).append("</p>\n");
        for (Problem.FieldError error : problem.errors()) {
            page.append("<p><code>").append(escape(error.field())).append("</code>: ").append(escape(error.detail())).append("</p>\n");
        }
        return page.append("<p><a href=\"/\">secure-rest-api</a></p>\n</body>\n</html>\n").toString();
    }

    private static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&#39;");
    }
}
