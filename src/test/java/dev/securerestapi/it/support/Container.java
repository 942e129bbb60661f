package dev.securerestapi.it.support;

import java.net.URI;

/** A servlet container running the built WAR, as the tests reach it over HTTP. */
public interface Container {

    /** Short name shown in test reports. */
    public String name();

    /** Where the WAR's context root answers, ending in a slash. */
    public URI baseUri();

    /** The realm file this container reads its users from. */
    java.nio.file.Path realmFile();

    /** What the container has logged so far. */
    public String log();
}
