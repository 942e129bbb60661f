package dev.securerestapi.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;

/**
 * The API's OpenAPI document as the source tree holds it, and the check of one exchange against
 * it: the operation its method and path name, the status among that operation's responses, the
 * content type among that response's media types, every required header (and every header given,
 * against its schema), and the body against its JSON Schema (networknt's validator, OpenAPI 3.1's
 * dialect; every answer held to exactly the fields the document names). A failed check is an
 * AssertionError naming what differs.
 */
public final class OpenApiDocument {

    public static final Path SOURCE = Path.of("src/main/resources/dev/securerestapi/app/openapi/openapi.json");
    /** The id the validator knows the document by; never fetched. */
    private static final String IRI = "https://secure-rest-api.test/openapi.json";

    /** One documented response: the operation's path template, its method (lower case) and the status. */
    public record Key(String path, String method, String status) {
        @Override
        public String toString() {
            return method.toUpperCase(Locale.ROOT) + " " + path + " " + status;
        }
    }

    /** An exchange to check: what was asked and what came back. */
    public record Exchange(String method, String path, int status, Map<String, List<String>> headers, String body) {

        public static Exchange of(java.net.http.HttpResponse<String> response) {
            return new Exchange(response.request().method(), response.uri().getRawPath(), response.statusCode(),
                    response.headers().map(), response.body());
        }

        Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).flatMap(e -> e.getValue().stream()).findFirst();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OpenApiDocument SOURCE_DOCUMENT = read();

    private final String text;
    private final JsonNode root;
    private final SchemaRegistry schemas;

    private OpenApiDocument(String text) {
        this.text = text;
        try {
            this.root = JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String strict = strict(root.deepCopy()).toString();
        this.schemas = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31(), registry -> registry.schemas(Map.of(IRI, strict)));
    }

    /**
     * The document with every object schema that lists its properties refusing others: the
     * document lets answers gain fields (for the clients made from it), but an answer of this
     * version with a field the document does not name is a difference the checks here report.
     */
    private static JsonNode strict(JsonNode node) {
        if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
            if (object.has("properties") && object.get("properties").isObject() && !object.has("additionalProperties")) {
                object.put("additionalProperties", false);
            }
            object.forEach(OpenApiDocument::strict);
        } else if (node.isArray()) {
            node.forEach(OpenApiDocument::strict);
        }
        return node;
    }

    /** The document in the source tree, read once. */
    public static OpenApiDocument source() {
        return SOURCE_DOCUMENT;
    }

    private static OpenApiDocument read() {
        try {
            return new OpenApiDocument(Files.readString(SOURCE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String text() {
        return text;
    }

    public JsonNode root() {
        return root;
    }

    /** Every (path template, method) the document lists, methods in lower case. */
    public Set<List<String>> operations() {
        Set<List<String>> operations = new LinkedHashSet<>();
        root.path("paths").properties().forEach(path -> path.getValue().properties().stream()
                .filter(e -> METHODS.contains(e.getKey()))
                .forEach(e -> operations.add(List.of(path.getKey(), e.getKey()))));
        return operations;
    }

    /** Every documented response. */
    public Set<Key> responses() {
        Set<Key> keys = new LinkedHashSet<>();
        for (List<String> operation : operations()) {
            operation(operation.get(0), operation.get(1)).path("responses").fieldNames()
                    .forEachRemaining(status -> keys.add(new Key(operation.get(0), operation.get(1), status)));
        }
        return keys;
    }

    private static final Set<String> METHODS = Set.of("get", "head", "post", "put", "delete", "options", "patch", "trace");

    private JsonNode operation(String template, String method) {
        return root.path("paths").path(template).path(method);
    }

    /** The path template {@code rawPath} (within the context root) matches, if any. */
    public Optional<String> template(String rawPath) {
        for (Iterator<String> templates = root.path("paths").fieldNames(); templates.hasNext(); ) {
            String template = templates.next();
            String regex = Pattern.quote(template).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q");
            if (rawPath.matches(regex)) {
                return Optional.of(template);
            }
        }
        return Optional.empty();
    }

    /**
     * Checks {@code exchange} against the documented operation and response.
     *
     * @param contextPath the path the WAR is deployed at ("" at the root)
     * @return which documented response it was
     */
    public Key check(Exchange exchange, String contextPath) {
        String where = exchange.method() + " " + exchange.path() + " answered " + exchange.status() + ": ";
        String within = exchange.path().substring(contextPath.length());
        String template = template(within.isEmpty() ? "/" : within)
                .orElseThrow(() -> new AssertionError(where + "no path of the document matches"));
        String method = exchange.method().toLowerCase(Locale.ROOT);
        JsonNode operation = operation(template, method);
        if (operation.isMissingNode()) {
            throw new AssertionError(where + "the document lists no " + method + " on " + template);
        }
        String status = Integer.toString(exchange.status());
        String pointer = "/paths/" + escape(template) + "/" + method + "/responses/" + status;
        JsonNode response = operation.path("responses").path(status);
        if (response.isMissingNode()) {
            throw new AssertionError(where + "not among the documented statuses " + names(operation.path("responses")));
        }
        if (response.has("$ref")) {
            pointer = response.get("$ref").asText().substring(1);
            response = root.at(pointer);
        }
        checkHeaders(where, response.path("headers"), pointer + "/headers", exchange);
        checkContent(where, response.path("content"), pointer + "/content", exchange);
        return new Key(template, method, status);
    }

    /** Checks a response the document describes once for every path, such as MethodNotAllowed. */
    public void checkComponent(String responseName, Exchange exchange) {
        String where = exchange.method() + " " + exchange.path() + " answered " + exchange.status() + ": ";
        String pointer = "/components/responses/" + responseName;
        JsonNode response = root.at(pointer);
        if (response.isMissingNode()) {
            throw new AssertionError("the document has no response " + responseName);
        }
        checkHeaders(where, response.path("headers"), pointer + "/headers", exchange);
        checkContent(where, response.path("content"), pointer + "/content", exchange);
    }

    private void checkHeaders(String where, JsonNode headers, String pointer, Exchange exchange) {
        headers.properties().forEach(entry -> {
            String name = entry.getKey();
            String headerPointer = pointer + "/" + escape(name);
            JsonNode header = entry.getValue();
            if (header.has("$ref")) {
                headerPointer = header.get("$ref").asText().substring(1);
                header = root.at(headerPointer);
            }
            Optional<String> value = exchange.header(name);
            if (value.isEmpty()) {
                if (header.path("required").asBoolean()) {
                    throw new AssertionError(where + "no " + name + " header, which the document requires");
                }
                return;
            }
            String instance;
            if ("integer".equals(header.path("schema").path("type").asText())) {
                instance = value.get().strip();
            } else {
                instance = JSON.getNodeFactory().textNode(value.get()).toString();
            }
            validate(where + "header " + name + ": " + value.get() + ": ", headerPointer + "/schema", instance);
        });
    }

    private void checkContent(String where, JsonNode content, String pointer, Exchange exchange) {
        boolean head = "HEAD".equalsIgnoreCase(exchange.method());
        if (content.isMissingNode() || content.isEmpty()) {
            if (!exchange.body().isEmpty()) {
                throw new AssertionError(where + "a body where the document describes none: " + exchange.body());
            }
            return;
        }
        String actual = exchange.header("Content-Type")
                .orElseThrow(() -> new AssertionError(where + "no Content-Type; the document says " + names(content)));
        String mediaType = null;
        for (Iterator<String> types = content.fieldNames(); types.hasNext(); ) {
            String documented = types.next();
            if (sameMediaType(documented, actual)) {
                mediaType = documented;
            }
        }
        if (mediaType == null) {
            throw new AssertionError(where + "Content-Type " + actual + " is not among " + names(content));
        }
        if (head) {
            if (!exchange.body().isEmpty()) {
                throw new AssertionError(where + "HEAD answered with a body");
            }
            return;
        }
        if (isJson(mediaType)) {
            validate(where + "body: ", pointer + "/" + escape(mediaType) + "/schema", exchange.body());
        }
    }

    private void validate(String where, String pointer, String instance) {
        Schema schema = schemas.getSchema(SchemaLocation.of(IRI + "#" + fragment(pointer)));
        List<com.networknt.schema.Error> errors = schema.validate(instance, InputFormat.JSON);
        if (!errors.isEmpty()) {
            throw new AssertionError(where + errors + " (schema at " + pointer + ") in: " + instance);
        }
    }

    /** Equal types; and where the document names parameters, the same parameters in any order (spaces and case aside). */
    static boolean sameMediaType(String documented, String actual) {
        List<String> d = List.of(documented.replace(" ", "").toLowerCase(Locale.ROOT).split(";"));
        List<String> a = List.of(actual.replace(" ", "").toLowerCase(Locale.ROOT).split(";"));
        return d.get(0).equals(a.get(0)) && (d.size() == 1 || Set.copyOf(d).equals(Set.copyOf(a)));
    }

    private static boolean isJson(String mediaType) {
        String type = mediaType.split(";")[0].strip();
        return type.equals("application/json") || type.endsWith("+json");
    }

    /** RFC 6901: a JSON pointer token. */
    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    /** A JSON pointer as a URI fragment: what URIs do not allow, percent-encoded. */
    private static String fragment(String pointer) {
        return pointer.replace("%", "%25").replace("{", "%7B").replace("}", "%7D").replace(" ", "%20").replace("\"", "%22");
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
