package dev.securerestapi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.securerestapi.generated.ApiClient;
import dev.securerestapi.generated.ApiException;
import dev.securerestapi.generated.ApiResponse;
import dev.securerestapi.generated.api.CallerApi;
import dev.securerestapi.generated.api.SecretApi;
import dev.securerestapi.generated.api.SubscribersApi;
import dev.securerestapi.generated.model.Problem;
import dev.securerestapi.generated.model.Subscriber;
import dev.securerestapi.generated.model.SubscriberInput;
import dev.securerestapi.generated.model.SubscriberPage;
import dev.securerestapi.it.support.Container;
import dev.securerestapi.it.support.Http;
import dev.securerestapi.it.support.TestUsers;
import dev.securerestapi.it.support.TestUsers.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A client generated from the OpenAPI document by openapi-generator (its java generator, the
 * java.net.http library; the build writes it to target/generated-test-sources) works the API in
 * every container: it creates, reads, pages through, updates and deletes subscribers, with the
 * ETags and If-Match the document describes, and gets the documented errors as typed problems.
 * Its only addition is the Basic credentials, which the generated native client leaves to a
 * request interceptor.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.securerestapi.it.support.Containers#all")
class GeneratedClientIT {

    @Parameter
    Container container;

    private ApiClient client(User user) {
        ApiClient client = new ApiClient();
        String base = container.baseUri().toString();
        client.updateBaseUri(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        if (user != null) {
            client.setRequestInterceptor(request -> request.header("Authorization", Http.basic(user)));
        }
        return client;
    }

    private static Problem problem(ApiClient client, ApiException e) throws Exception {
        return client.getObjectMapper().readValue(e.getResponseBody(), Problem.class);
    }

    @Test
    void theGeneratedClientCreatesReadsPagesUpdatesAndDeletesSubscribers() throws Exception {
        ApiClient admin = client(TestUsers.ADMIN);
        SubscribersApi subscribers = new SubscribersApi(admin);

        // create
        String run = UUID.randomUUID().toString();
        List<Subscriber> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ApiResponse<Subscriber> response = subscribers.createSubscriberWithHttpInfo(
                    new SubscriberInput().name("Generated " + i).email("generated-" + i + "-" + run + "@example.org"));
            assertEquals(201, response.getStatusCode());
            Subscriber subscriber = response.getData();
            assertEquals("Generated " + i, subscriber.getName());
            assertNotNull(subscriber.getCreatedAt());
            assertEquals("/api/v1/subscribers/" + subscriber.getId(), response.getHeaders().get("location").get(0));
            created.add(subscriber);
        }
        Subscriber first = created.get(0);

        // read, with its ETag
        ApiResponse<Subscriber> read = subscribers.getSubscriberWithHttpInfo(first.getId(), null);
        assertEquals(first, read.getData());
        String etag = read.getHeaders().get("etag").get(0);

        // page: two at a time from the first, then the next page by the link the server gave
        SubscriberPage page = subscribers.listSubscribers(2, first.getId() - 1);
        assertEquals(List.of(created.get(0), created.get(1)), page.getItems());
        assertEquals(2, page.getLimit());
        assertTrue(page.getTotal() >= 3);
        assertNotNull(page.getNext());
        URI next = URI.create(container.baseUri().toString()).resolve(page.getNext());
        long after = Long.parseLong(next.getQuery().replaceAll(".*after=(\\d+).*", "$1"));
        assertEquals(created.get(1).getId(), after);
        assertEquals(created.get(2), subscribers.listSubscribers(2, after).getItems().get(0));

        // update, only the version read
        SubscriberInput renamed = new SubscriberInput().name("Generated, renamed").email(first.getEmail());
        ApiResponse<Subscriber> updated = subscribers.replaceSubscriberWithHttpInfo(first.getId(), renamed, etag);
        assertEquals("Generated, renamed", updated.getData().getName());
        String newEtag = updated.getHeaders().get("etag").get(0);
        assertNotEquals(etag, newEtag);
        ApiException stale = assertThrows(ApiException.class, () -> subscribers.replaceSubscriber(first.getId(),
                new SubscriberInput().name("Lost update").email(first.getEmail()), etag));
        assertEquals(412, stale.getCode());
        assertEquals(412, problem(admin, stale).getStatus());
        assertEquals("Generated, renamed", subscribers.getSubscriber(first.getId(), null).getName(), "the stale write changed nothing");

        // delete, then it is gone
        ApiException staleDelete = assertThrows(ApiException.class, () -> subscribers.deleteSubscriber(first.getId(), etag));
        assertEquals(412, staleDelete.getCode());
        subscribers.deleteSubscriber(first.getId(), newEtag);
        ApiException gone = assertThrows(ApiException.class, () -> subscribers.getSubscriber(first.getId(), null));
        assertEquals(404, gone.getCode());
        assertEquals(404, problem(admin, gone).getStatus());
        for (Subscriber other : created.subList(1, 3)) {
            subscribers.deleteSubscriber(other.getId(), null);
        }
    }

    @Test
    void theGeneratedClientGetsTheDocumentedErrorsAsProblems() throws Exception {
        ApiClient reader = client(TestUsers.ROY);
        ApiException forbidden = assertThrows(ApiException.class, () -> new SubscribersApi(reader)
                .createSubscriber(new SubscriberInput().name("Not mine").email("not-mine-" + UUID.randomUUID() + "@example.org")));
        assertEquals(403, forbidden.getCode());

        ApiException invalid = assertThrows(ApiException.class, () -> new SubscribersApi(client(TestUsers.ADMIN))
                .createSubscriber(new SubscriberInput().name("No address").email("not an address")));
        assertEquals(400, invalid.getCode());
        Problem problem = problem(reader, invalid);
        assertEquals("email", problem.getErrors().get(0).getField());

        ApiClient anonymous = client(null);
        ApiException challenged = assertThrows(ApiException.class, () -> new SecretApi(anonymous).getPrivate());
        assertEquals(401, challenged.getCode());
        assertTrue(challenged.getResponseHeaders().firstValue("WWW-Authenticate").orElse("").startsWith("Basic realm="));
    }

    @Test
    void theGeneratedClientReadsTheTutorialsEndpoints() throws ApiException {
        assertEquals(42, new SecretApi(client(TestUsers.ROY)).getPrivate().getMeaningOfLife().getValue());
        assertEquals("roy", new CallerApi(client(TestUsers.ROY)).getMe().getName());
        assertEquals("You are authorized to see this message", new SecretApi(client(TestUsers.ROY)).getRestAuth().getValue());
    }

    /**
     * The generated client changes a password (a user of this test alone, in the container's realm
     * file) and gets a refused one as a typed problem naming the field.
     */
    @Test
    @org.junit.jupiter.api.parallel.ResourceLock(value = dev.securerestapi.it.support.Containers.REALM_FILES,
            mode = org.junit.jupiter.api.parallel.ResourceAccessMode.READ_WRITE)
    void theGeneratedClientChangesAPasswordAndGetsARefusalAsAProblem() throws Exception {
        User user = dev.securerestapi.it.support.OwnUsers.added(container, "gen", "user");
        String name = user.name();
        try {
            ApiClient client = client(user);
            CallerApi caller = new CallerApi(client);
            ApiException refused = assertThrows(ApiException.class, () -> caller.changeMyPassword(
                    new dev.securerestapi.generated.model.PasswordChange().current(user.password())._new("password1")));
            assertEquals(400, refused.getCode());
            Problem problem = problem(client, refused);
            assertEquals("new", problem.getErrors().get(0).getField());
            assertEquals(204, caller.changeMyPasswordWithHttpInfo(
                    new dev.securerestapi.generated.model.PasswordChange().current(user.password())._new("renewed-" + UUID.randomUUID()))
                    .getStatusCode());
        } finally {
            dev.securerestapi.it.support.OwnUsers.removed(container, user);
        }
    }

    /** The generated client makes a token with roy's password, logs in with it, finds it in the list and revokes it. */
    @Test
    void theGeneratedClientMakesATokenThatLogsInAndRevokesIt() throws Exception {
        dev.securerestapi.generated.api.TokensApi tokens = new dev.securerestapi.generated.api.TokensApi(client(TestUsers.ROY));
        String name = "generated " + UUID.randomUUID();
        dev.securerestapi.generated.model.NewToken made = tokens.makeToken(new dev.securerestapi.generated.model.TokenRequest()
                .name(name).scope(dev.securerestapi.generated.model.TokenRequest.ScopeEnum.READ).expiresInDays(7));
        try {
            User withToken = new User("roy", made.getToken(), List.of("user"));
            assertEquals(42, new SecretApi(client(withToken)).getPrivate().getMeaningOfLife().getValue());
            assertTrue(tokens.listMyTokens().getTokens().stream().anyMatch(t -> t.getName().equals(name)));
            assertEquals(dev.securerestapi.generated.model.Token.ScopeEnum.READ, tokens.getMyToken(made.getId()).getScope());
        } finally {
            tokens.revokeToken(made.getId());
        }
        assertTrue(tokens.listMyTokens().getTokens().stream().noneMatch(t -> t.getName().equals(name)), "revoked");
    }
}
