package dev.securerestapi.app.landing;

import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * {@code /.well-known/change-password} (the W3C's well-known URL for changing passwords, under
 * RFC 8615's {@code .well-known}): open to anyone, it sends browsers and password managers to the
 * landing page's form. The redirect names a path on this server, never the request's Host.
 */
@Singleton
@Path(".well-known/change-password")
public class ChangePasswordLink {

    /** The landing page's form, after the deployment's base path. */
    static final String FORM = "#change-password";

    @GET
    public Response get(@Context UriInfo uri) {
        return Response.status(Response.Status.FOUND).header(HttpHeaders.LOCATION, uri.getBaseUri().getRawPath() + FORM).build();
    }
}
