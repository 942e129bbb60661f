package dev.securerestapi.it.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 written byte for byte over a socket, for requests a well-behaved client refuses to
 * send: header values with control characters, oversized headers.
 */
public final class RawHttp {

    public record Response(int status, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private RawHttp() {}

    /** Where a balancer in front of a container ({@link Container#forwardedHeaders}) connects from. */
    private static final String BALANCER = "127.0.0.1";

    /** GET {@code path} with one {@code Authorization} header whose value is sent exactly as given. */
    public static Response getWithAuthorization(Container container, String path, byte[] authorizationValue) {
        return getWithAuthorization(container, path, authorizationValue, "127.0.0.1");
    }

    /**
     * GET {@code path} as {@code user} from the loopback address {@code from} (any of 127.0.0.0/8
     * on Linux), so that a test can be several clients to the container.
     */
    public static Response getFrom(String from, Container container, String path, String user, String password) {
        return getWithAuthorization(container, path,
                Http.basic(user, password).getBytes(StandardCharsets.ISO_8859_1), from);
    }

    /** As {@link #getFrom}, with more header lines ({@code "Name: value\r\n"} each) and any Authorization value. */
    public static Response getFrom(String from, Container container, String path, byte[] authorizationValue, String moreHeaders) {
        return getWithAuthorization(container, path, authorizationValue, from, moreHeaders);
    }

    private static Response getWithAuthorization(Container container, String path, byte[] authorizationValue, String from) {
        return getWithAuthorization(container, path, authorizationValue, from, "");
    }

    private static Response getWithAuthorization(Container container, String path, byte[] authorizationValue, String from,
            String moreHeaders) {
        if (!container.forwardedHeaders().isEmpty() && !BALANCER.equals(from)) {
            // a node behind the balancer: the client reaches it through the balancer, which names it
            return getWithAuthorization(container, path, authorizationValue, BALANCER, "X-Forwarded-For: " + from + "\r\n" + moreHeaders);
        }
        URI base = container.baseUri();
        try (Socket socket = DevTls.connect(base, from)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(("GET " + base.getPath() + path + " HTTP/1.1\r\n"
                        + "Host: " + base.getHost() + ":" + base.getPort() + "\r\n"
                        + "Accept: application/json\r\n"
                        + "Connection: close\r\n"
                        + container.forwardedHeaders()
                        + moreHeaders
                        + "Authorization: ").getBytes(StandardCharsets.ISO_8859_1));
                out.write(authorizationValue);
                out.write("\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (java.net.SocketException answeredEarly) {
                // the server refused an oversized header and closed before the request ended
                // (Tomcat does): its answer is already on the way back, so read it
            }
            return parse(socket.getInputStream().readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sends {@code head} (a request line and header lines, without the blank line that ends them)
     * and {@code body} exactly as given, with {@code Connection: close} added: for requests no
     * HTTP client library would send, such as a chosen {@code Host} or a malformed request line.
     */
    public static Response exchange(Container container, String head, String body) {
        URI base = container.baseUri();
        try (Socket socket = DevTls.connect(base, null)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            byte[] content = body.getBytes(StandardCharsets.UTF_8);
            out.write((head + "\r\n" + container.forwardedHeaders() + "Connection: close\r\n"
                    + (content.length > 0 ? "Content-Length: " + content.length + "\r\n" : "") + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.write(content);
            out.flush();
            return parse(socket.getInputStream().readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Response parse(byte[] raw) throws IOException {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IOException("no complete response head in " + raw.length + " bytes: " + text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(body);
        }
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < chunked.length) {
            int lineEnd = indexOfCrlf(chunked, at);
            String sizeField = new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].trim();
            int size = Integer.parseInt(sizeField, 16);
            if (size == 0) {
                break;
            }
            out.write(chunked, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOfCrlf(byte[] bytes, int from) {
        for (int i = from; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        throw new IllegalArgumentException("truncated chunked body");
    }

}
