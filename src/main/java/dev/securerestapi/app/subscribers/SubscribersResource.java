package dev.securerestapi.app.subscribers;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import dev.securerestapi.app.problem.ProblemException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * The mailing list. Who may read and who may change it is web.xml's decision, made by the
 * container before this runs; nothing here checks a role.
 */
@Singleton
@Path("api/v1/subscribers")
@Produces(MediaType.APPLICATION_JSON)
public class SubscribersResource {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    private final SubscriberStore store;

    @Inject
    public SubscribersResource(SubscriberStore store) {
        this.store = store;
    }

    @GET
    public SubscriberPage list(@QueryParam("limit") String limitParam, @QueryParam("after") String afterParam,
            @Context UriInfo uri) {
        int limit = (int) Params.number("limit", limitParam, DEFAULT_LIMIT, 1, MAX_LIMIT);
        long after = Params.number("after", afterParam, 0, 0, Long.MAX_VALUE);
        List<Subscriber> items = store.page(after, limit + 1);
        String next = null;
        if (items.size() > limit) {
            items = items.subList(0, limit);
            next = relative(uri.getRequestUriBuilder()
                    .replaceQueryParam("limit", limit)
                    .replaceQueryParam("after", items.get(limit - 1).id())
                    .build()).toString();
        }
        return new SubscriberPage(items, limit, store.count(), next);
    }

    @GET
    @Path("{id}")
    public Subscriber get(@PathParam("id") String id) {
        long key = Params.id(id);
        return store.find(key).orElseThrow(() -> notFound(key));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(JsonNode body, @Context UriInfo uri) {
        Subscriber created = store.create(SubscriberInput.from(body));
        URI location = relative(uri.getAbsolutePathBuilder().path(Long.toString(created.id())).build());
        return Response.created(location).entity(created).build();
    }

    /**
     * The path and query of {@code uri} alone: a relative reference (RFC 3986), which the client
     * resolves against the URL it used. An absolute one would be built from the request's
     * {@code Host}, which the client chooses, and a shared cache could hand it to others.
     */
    private static URI relative(URI uri) {
        return URI.create(uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Subscriber replace(@PathParam("id") String id, JsonNode body) {
        long key = Params.id(id);
        return store.replace(key, SubscriberInput.from(body)).orElseThrow(() -> notFound(key));
    }

    @DELETE
    @Path("{id}")
    public void delete(@PathParam("id") String id) {
        long key = Params.id(id);
        if (!store.delete(key)) {
            throw notFound(key);
        }
    }

    private static ProblemException notFound(long id) {
        return new ProblemException(404, "There is no subscriber with id " + id + ".");
    }
}
