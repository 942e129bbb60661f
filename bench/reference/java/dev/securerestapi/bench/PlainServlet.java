package dev.securerestapi.bench;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The benchmark's ceiling: the private endpoint's body from a plain servlet, no framework, no
 * authentication. Nothing a servlet application does on this container can cost less.
 */
public class PlainServlet extends HttpServlet {

    private static final byte[] BODY = "{\"meaning_of_life\":42}".getBytes(StandardCharsets.UTF_8);

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("application/json");
        response.setContentLength(BODY.length);
        response.getOutputStream().write(BODY);
    }
}
