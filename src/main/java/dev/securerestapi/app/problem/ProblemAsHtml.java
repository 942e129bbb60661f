package dev.securerestapi.app.problem;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

/**
 * A problem the mapper answered, shown to a browser as HTML ({@link ProblemPage}); status and
 * headers stay as they are. Clients that do not rate text/html above JSON keep problem+json.
 */
@Provider
public class ProblemAsHtml implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getEntity() instanceof Problem problem
                && ProblemPage.preferredBy(request.getHeaderString("Accept"))) {
            response.setEntity(ProblemPage.render(problem), null, MediaType.valueOf(ProblemPage.MEDIA_TYPE));
        }
    }
}
