package dev.securerestapi.app.http;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

/**
 * One path per resource: {@code /api/v1/subscribers/} is not {@code /api/v1/subscribers}. Jersey
 * would match a trailing slash to the resource without it, so every endpoint would answer at a
 * second path the OpenAPI document does not list (and page links would carry the slash on).
 * Any path but the root that ends in a slash is 404, before a resource is chosen.
 */
@Provider
@PreMatching
public class NoTrailingSlash implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath(false);
        if (path.length() > 1 && path.endsWith("/")) {
            throw new NotFoundException();
        }
    }
}
