package dev.securerestapi.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** The JDK HTTP client, as a well-behaved API client uses this service. */
public final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .sslContext(DevTls.context())
            .build();

    private final URI base;
    private final String forwardedHeaders;

    public Http(Container container) {
        this.base = container.baseUri();
        this.forwardedHeaders = container.forwardedHeaders();
    }

    /** RFC 7617 credentials, encoded as UTF-8 the way this service asks for them. */
    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public static String basic(TestUsers.User user) {
        return basic(user.name(), user.password());
    }

    /** A request to a path relative to the context root, e.g. {@code api/v1/private}. */
    public HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
        for (String line : forwardedHeaders.split("\r\n")) {
            if (!line.isEmpty()) {
                request.header(line.substring(0, line.indexOf(':')), line.substring(line.indexOf(':') + 1).strip());
            }
        }
        return request;
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> get(String path) {
        return send(request(path).GET());
    }

    public HttpResponse<String> get(String path, TestUsers.User user) {
        return send(request(path).header("Authorization", basic(user)).GET());
    }

    public HttpResponse<String> method(String method, String path, TestUsers.User user) {
        HttpRequest.Builder request = request(path).method(method, HttpRequest.BodyPublishers.noBody());
        if (user != null) {
            request.header("Authorization", basic(user));
        }
        return send(request);
    }
}
