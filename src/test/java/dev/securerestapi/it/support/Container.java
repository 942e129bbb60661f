package dev.securerestapi.it.support;

import java.net.URI;

/** A servlet container running the built WAR, as the tests reach it over HTTP. */
public interface Container {

    /** Short name shown in test reports. */
    public String name();

    /** Where the WAR's context root answers, ending in a slash. */
    public URI baseUri();

    /** The context path as the OpenAPI checks take it: {@link #baseUri}'s path without its last slash ("" at the root). */
    default String contextPath() {
        String path = baseUri().getRawPath();
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** The realm file this container reads its users from. */
    java.nio.file.Path realmFile();

    /** What the container has logged so far. */
    public String log();

    /**
     * Header lines ({@code "Name: value\r\n"} each) every test request to it carries: what a
     * balancer in front of it would add (a cluster's node, reached directly from the balancer's
     * address, is told the client came over HTTPS); none for a container reached as it is.
     */
    default String forwardedHeaders() {
        return "";
    }
}
