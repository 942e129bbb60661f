package dev.securerestapi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.regex.Pattern;

import dev.securerestapi.it.support.Container;
import dev.securerestapi.it.support.Http;
import dev.securerestapi.it.support.RawHttp;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * No answer tells which server, or which version of it, runs the API: no {@code Server} or
 * {@code X-Powered-By} header, and no error page naming Jetty or Tomcat, whether the application
 * answers or the container does (a request it cannot even parse).
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.securerestapi.it.support.Containers#all")
class NoAnswerNamesTheServerIT {

    private static final Pattern NAMES_THE_SERVER = Pattern.compile("(?i)jetty|tomcat|catalina|\\b1[12]\\.[0-9]+\\.[0-9]+");

    @Parameter
    Container container;

    @Test
    void answersOfTheApplicationCarryNoServerHeader() {
        Http http = new Http(container);
        for (var response : List.of(http.get("api/v1/health"), http.get("api/v1/private"), http.get("no/such/path"))) {
            assertFalse(response.headers().firstValue("Server").isPresent(), response.uri() + ": " + response.headers());
            assertFalse(response.headers().firstValue("X-Powered-By").isPresent(), response.uri() + ": " + response.headers());
            assertFalse(NAMES_THE_SERVER.matcher(response.body()).find(), response.uri() + ": " + response.body());
        }
    }

    @Test
    void errorsTheContainerAnswersItselfNameNoServerEither() {
        String host = "Host: " + container.baseUri().getHost() + ":" + container.baseUri().getPort();
        for (String head : new String[] {
                "GET /api/v1/health%zz HTTP/1.1\r\n" + host,      // an invalid percent-escape
                "GET /api/v1/health HTTP/1.1\r\n" + host + "\r\nBad Header: x", // a header name with a space
                "GET /api/v1/health HTTP/1.1"}) {                  // no Host at all
            RawHttp.Response response = RawHttp.exchange(container, head, "");
            assertEquals(400, response.status(), head + "\n" + response.body());
            assertNull(response.header("Server"), head + ": " + response.headers());
            assertFalse(NAMES_THE_SERVER.matcher(response.body()).find(), head + ": " + response.body());
        }
    }
}
