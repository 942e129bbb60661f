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
import jakarta.ws.rs.HeaderParam;
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
    public Response list(@QueryParam("limit") String limitParam, @QueryParam("after") String afterParam,
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
        Response.ResponseBuilder page = Response.ok(new SubscriberPage(items, limit, store.count(), next));
        // RFC 8288, beside the body's next: the same relative reference
        return next == null ? page.build() : page.header("Link", "<" + next + ">; rel=\"next\"").build();
    }

    /** The subscriber with its ETag; 304 when If-None-Match names its current version. */
    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id, @HeaderParam("If-None-Match") String ifNoneMatch) {
        long key = Params.id(id);
        Subscriber subscriber = store.find(key).orElseThrow(() -> notFound(key));
        if (!Preconditions.ifNoneMatchHolds(ifNoneMatch, subscriber)) {
            return Response.notModified(subscriber.etag()).build();
        }
        return Response.ok(subscriber).tag(subscriber.etag()).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(JsonNode body, @Context UriInfo uri) {
        Subscriber created = store.create(SubscriberInput.from(body));
        URI location = relative(uri.getAbsolutePathBuilder().path(Long.toString(created.id())).build());
        return Response.created(location).entity(created).tag(created.etag()).build();
    }

    /**
     * The path and query of {@code uri} alone: a relative reference (RFC 3986), which the client
     * resolves against the URL it used. An absolute one would be built from the request's
     * {@code Host}, which the client chooses, and a shared cache could hand it to others.
     */
    private static URI relative(URI uri) {
        return URI.create(uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
    }

    /**
     * Replaces name and email. With If-Match, only the version it names: another version (a write
     * by someone else since the caller read it) gets 412, and nothing is changed.
     */
    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response replace(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch, JsonNode body) {
        long key = Params.id(id);
        SubscriberInput input = SubscriberInput.from(body);
        Subscriber matched = matched(key, ifMatch);
        if (!store.replace(key, matched == null ? null : matched.version(), input)) {
            throw goneOrChanged(key);
        }
        // conditional: exactly the version after the one matched; unconditional: read what now stands
        Subscriber replaced = matched != null
                ? new Subscriber(key, input.name(), input.email(), matched.createdAt(), matched.version() + 1)
                : store.find(key).orElseThrow(() -> notFound(key));
        return Response.ok(replaced).tag(replaced.etag()).build();
    }

    /**
     * Deletes the subscriber; with If-Match, only the version it names (412 otherwise). Its 204
     * has no body, so any Accept will do: a client that accepts only problem+json (what a
     * generated client sends) still deletes.
     */
    @DELETE
    @Path("{id}")
    @Produces(MediaType.WILDCARD)
    public void delete(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch) {
        long key = Params.id(id);
        Subscriber matched = matched(key, ifMatch);
        if (!store.delete(key, matched == null ? null : matched.version())) {
            throw goneOrChanged(key);
        }
    }

    /** The version a conditional write must find, or null for an unconditional one; 404 and 412 as RFC 9110 orders them. */
    private Subscriber matched(long key, String ifMatch) {
        if (ifMatch == null) {
            return null;
        }
        Subscriber current = store.find(key).orElseThrow(() -> notFound(key));
        if (!Preconditions.ifMatchHolds(ifMatch, current)) {
            throw changed(key);
        }
        return current;
    }

    /** A write that found nothing to change: the subscriber is gone (404), or was changed meanwhile (412). */
    private ProblemException goneOrChanged(long key) {
        return store.find(key).isPresent() ? changed(key) : notFound(key);
    }

    private static ProblemException changed(long id) {
        return new ProblemException(412, "Subscriber " + id + " has changed since the version If-Match names: "
                + "read it again (its ETag is its current version), then retry.");
    }

    private static ProblemException notFound(long id) {
        return new ProblemException(404, "There is no subscriber with id " + id + ".");
    }
}
