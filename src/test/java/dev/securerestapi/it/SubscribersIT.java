package dev.securerestapi.it;

import static dev.securerestapi.it.support.ProblemAssert.assertChallenged;
import static dev.securerestapi.it.support.ProblemAssert.assertProblem;
import static dev.securerestapi.it.support.ProblemAssert.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.securerestapi.it.support.Container;
import dev.securerestapi.it.support.Containers;
import dev.securerestapi.it.support.Http;
import dev.securerestapi.it.support.TestUsers.User;
import dev.securerestapi.it.support.TestUsers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The mailing list over HTTP, in every container: who may read and change it, what it accepts,
 * and that nothing stored changes when a request is refused. Each test makes its own subscribers
 * (unique emails), so the tests stand alone on a database that outlives them.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.securerestapi.it.support.Containers#all")
class SubscribersIT {

    static final String LIST = "api/v1/subscribers";

    @Parameter
    Container container;

    private Http http() {
        return new Http(container);
    }

    private static String uniqueEmail() {
        return "sub-" + UUID.randomUUID() + "@example.org";
    }

    private HttpResponse<String> send(String method, String path, User user, String contentType, String body) {
        Http http = http();
        HttpRequest.Builder request = http.request(path).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (user != null) {
            request.header("Authorization", Http.basic(user));
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return http.send(request);
    }

    private HttpResponse<String> post(User user, String body) {
        return send("POST", LIST, user, "application/json", body);
    }

    private static String subscriber(String name, String email) {
        return "{\"name\":\"" + name + "\",\"email\":\"" + email + "\"}";
    }

    /** A new subscriber, made by admin; its JSON. */
    private JsonNode created() {
        HttpResponse<String> response = post(TestUsers.ADMIN, subscriber("Ada Lovelace", uniqueEmail()));
        assertEquals(201, response.statusCode(), response::body);
        return json(response.body());
    }

    private long total() {
        HttpResponse<String> response = http().get(LIST + "?limit=1", TestUsers.ROY);
        assertEquals(200, response.statusCode(), response::body);
        return json(response.body()).path("total").asLong();
    }

    private String path(JsonNode subscriber) {
        return LIST + "/" + subscriber.path("id").asLong();
    }

    // --- the role matrix ---

    /** Every method but OPTIONS, which a filter answers with nothing on every path (CorsIT). */
    @ParameterizedTest
    @ValueSource(strings = {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH"})
    void everyMethodNeedsCredentials(String method) {
        JsonNode existing = created();
        for (String path : List.of(LIST, path(existing))) {
            HttpResponse<String> response = send(method, path, null, "application/json", subscriber("X", uniqueEmail()));
            if ("HEAD".equals(method)) {
                assertEquals(401, response.statusCode(), method + " " + path);
            } else {
                assertChallenged(response);
            }
        }
    }

    @Test
    void readersMayRead() {
        JsonNode existing = created();
        assertEquals(200, http().get(LIST, TestUsers.ROY).statusCode());
        HttpResponse<String> one = http().get(path(existing), TestUsers.ROY);
        assertEquals(200, one.statusCode());
        assertEquals(existing, json(one.body()));
        assertEquals(200, send("HEAD", path(existing), TestUsers.ROY, null, null).statusCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "DELETE", "PATCH"})
    void readersMayNotChangeAnythingAndNothingChanges(String method) {
        JsonNode existing = created();
        long before = total();
        String path = "POST".equals(method) ? LIST : path(existing);
        HttpResponse<String> response = send(method, path, TestUsers.ROY, "application/json", subscriber("Roy", uniqueEmail()));
        assertProblem(403, response);
        assertEquals(before, total());
        assertEquals(existing, json(http().get(path(existing), TestUsers.ROY).body()));
    }

    @Test
    void accountWithoutARoleMayNotEvenRead() {
        assertProblem(403, http().get(LIST, TestUsers.NOBODY));
    }

    // --- what admins do ---

    @Test
    void createAnswers201WithLocationAndTheStoredSubscriber() {
        String email = uniqueEmail();
        HttpResponse<String> response = post(TestUsers.ADMIN, subscriber("  Grace Hopper  ", email));
        assertEquals(201, response.statusCode(), response::body);
        JsonNode body = json(response.body());
        assertTrue(body.path("id").asLong() > 0);
        assertEquals("Grace Hopper", body.path("name").asText(), "name is trimmed");
        assertEquals(email, body.path("email").asText());
        assertTrue(body.path("created_at").asText().matches("\\d{4}-\\d\\d-\\d\\dT.*Z"), body.toString());

        URI location = URI.create(response.headers().firstValue("Location").orElseThrow());
        assertEquals("/" + path(body), location.getPath());
        HttpResponse<String> fetched = http().send(http().request(location.getPath().substring(1))
                .header("Authorization", Http.basic(TestUsers.ROY)).GET());
        assertEquals(body, json(fetched.body()));
    }

    @Test
    void replaceIsAFullReplaceThatKeepsIdAndCreationTime() {
        JsonNode existing = created();
        String email = uniqueEmail();
        HttpResponse<String> response = send("PUT", path(existing), TestUsers.ADMIN, "application/json",
                subscriber("Ada King", email));
        assertEquals(200, response.statusCode(), response::body);
        JsonNode replaced = json(response.body());
        assertEquals(existing.path("id"), replaced.path("id"));
        assertEquals(existing.path("created_at"), replaced.path("created_at"));
        assertEquals("Ada King", replaced.path("name").asText());
        assertEquals(email, replaced.path("email").asText());
        assertEquals(replaced, json(http().get(path(existing), TestUsers.ROY).body()));
    }

    @Test
    void replacingWithItsOwnEmailInAnotherCaseIsNotAConflict() {
        JsonNode existing = created();
        String email = existing.path("email").asText().toUpperCase(java.util.Locale.ROOT);
        HttpResponse<String> response = send("PUT", path(existing), TestUsers.ADMIN, "application/json", subscriber("Ada", email));
        assertEquals(200, response.statusCode(), response::body);
    }

    @Test
    void deleteAnswers204AndTheSubscriberIsGone() {
        JsonNode existing = created();
        assertEquals(204, send("DELETE", path(existing), TestUsers.ADMIN, null, null).statusCode());
        assertProblem(404, http().get(path(existing), TestUsers.ROY));
        assertProblem(404, send("DELETE", path(existing), TestUsers.ADMIN, null, null));
    }

    /** Its 204 has no body to negotiate: a client that accepts only problem+json (as generated clients do) deletes too. */
    @Test
    void deleteHappensWhateverTheRequestAccepts() {
        for (String accept : List.of("application/problem+json", "text/html", "application/xml")) {
            JsonNode existing = created();
            Http http = http();
            HttpResponse<String> response = http.send(http.request(path(existing)).header("Authorization", Http.basic(TestUsers.ADMIN))
                    .header("Accept", accept).DELETE());
            assertEquals(204, response.statusCode(), accept + ": " + response.body());
            assertProblem(404, http().get(path(existing), TestUsers.ROY));
        }
    }

    @Test
    void missingSubscriberIsNotFoundForEveryMethod() {
        String missing = LIST + "/" + Long.MAX_VALUE;
        assertProblem(404, http().get(missing, TestUsers.ROY));
        assertProblem(404, send("PUT", missing, TestUsers.ADMIN, "application/json", subscriber("X", uniqueEmail())));
        assertProblem(404, send("DELETE", missing, TestUsers.ADMIN, null, null));
    }

    // --- emails are unique ignoring case ---

    @Test
    void duplicateEmailIgnoringCaseIsAConflictAndNothingIsStored() {
        String email = uniqueEmail();
        assertEquals(201, post(TestUsers.ADMIN, subscriber("First", email)).statusCode());
        long before = total();
        assertProblem(409, post(TestUsers.ADMIN, subscriber("Second", email.toUpperCase(java.util.Locale.ROOT))));
        assertEquals(before, total());
    }

    @Test
    void replacingWithAnotherSubscribersEmailIsAConflictAndNothingChanges() {
        JsonNode first = created();
        JsonNode second = created();
        HttpResponse<String> response = send("PUT", path(second), TestUsers.ADMIN, "application/json",
                subscriber("Thief", first.path("email").asText()));
        assertProblem(409, response);
        assertEquals("tag:securerestapi.dev,2026:problem:conflict", json(response.body()).path("type").asText());
        assertEquals(second, json(http().get(path(second), TestUsers.ROY).body()));
    }

    // --- bad input: 400 naming the field, and nothing stored changes ---

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "{\"name\":", "[1,2]", "\"text\"", "null", "{}", "{\"name\":\"A\"}", "{\"email\":\"a@example.org\"}",
        "{\"name\":5,\"email\":\"a@example.org\"}", "{\"name\":\"A\",\"email\":[\"a@example.org\"]}",
        "{\"name\":\"   \",\"email\":\"a@example.org\"}", "{\"name\":\"A\",\"email\":\"not-an-email\"}",
        "{\"name\":\"A\",\"email\":\"a@b\"}", "{\"name\":\"A\",\"email\":\"a@example.org\",\"admin\":true}",
        "{\"name\":\"A\",\"name\":\"B\",\"email\":\"a@example.org\"}", "{\"name\":\"A\\u0000\",\"email\":\"a@example.org\"}"})
    void invalidBodyIsA400NamingTheFieldAndChangesNothing(String body) {
        JsonNode existing = created();
        long before = total();
        JsonNode created = assertProblem(400, post(TestUsers.ADMIN, body));
        JsonNode replaced = assertProblem(400, send("PUT", path(existing), TestUsers.ADMIN, "application/json", body));
        for (JsonNode problem : List.of(created, replaced)) {
            assertTrue(problem.path("errors").isArray() && problem.path("errors").size() > 0, problem.toString());
            assertTrue(problem.path("errors").get(0).path("field").isTextual(), problem.toString());
        }
        assertEquals(before, total());
        assertEquals(existing, json(http().get(path(existing), TestUsers.ROY).body()));
    }

    @Test
    void errorsNameEachWrongField() {
        JsonNode problem = assertProblem(400, post(TestUsers.ADMIN, "{\"name\":7,\"nickname\":\"x\"}"));
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(error -> fields.add(error.path("field").asText()));
        assertTrue(fields.containsAll(List.of("name", "email", "nickname")), fields.toString());
    }

    @Test
    void lengthLimitsAreCountedInCharacters() {
        String twoHundred = "é".repeat(199) + "\uD83D\uDE00"; // 200 characters, one outside the BMP
        assertEquals(201, post(TestUsers.ADMIN, subscriber(twoHundred, uniqueEmail())).statusCode());
        assertProblem(400, post(TestUsers.ADMIN, subscriber(twoHundred + "x", uniqueEmail())));
        String longEmail = "a".repeat(64) + "@" + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(60) + ".org";
        assertTrue(longEmail.length() > 254);
        assertProblem(400, post(TestUsers.ADMIN, subscriber("Long", longEmail)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "0", "-1", "1.5", "99999999999999999999"})
    void badIdIsA400NamingIt(String id) {
        JsonNode problem = assertProblem(400, http().get(LIST + "/" + id, TestUsers.ROY));
        assertEquals("id", problem.path("errors").get(0).path("field").asText());
        assertProblem(400, send("DELETE", LIST + "/" + id, TestUsers.ADMIN, null, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=0", "limit=101", "limit=x", "limit=", "after=-1", "after=y"})
    void badPagingParameterIsA400NamingIt(String query) {
        JsonNode problem = assertProblem(400, http().get(LIST + "?" + query, TestUsers.ROY));
        assertEquals(query.substring(0, query.indexOf('=')), problem.path("errors").get(0).path("field").asText());
    }

    @Test
    void wrongContentTypeIsA415AndChangesNothing() {
        long before = total();
        assertProblem(415, send("POST", LIST, TestUsers.ADMIN, "text/plain", subscriber("A", uniqueEmail())));
        assertProblem(415, send("POST", LIST, TestUsers.ADMIN, "application/x-www-form-urlencoded", "name=A&email=a@example.org"));
        assertEquals(before, total());
    }

    @Test
    void aQueryParameterTheListDoesNotTakeIsA400NamingItNotPageOne() {
        HttpResponse<String> response = http().get(LIST + "?page=2&size=5", TestUsers.ROY);
        assertProblem(400, response);
        assertEquals("tag:securerestapi.dev,2026:problem:validation", json(response.body()).path("type").asText());
        assertTrue(response.body().contains("\"field\":\"page\"") && response.body().contains("\"field\":\"size\""), response.body());
    }

    @Test
    void bodyOver64KiloBytesIsA413AndChangesNothing() {
        long before = total();
        String huge = subscriber("A".repeat(70_000), uniqueEmail());
        assertProblem(413, post(TestUsers.ADMIN, huge));
        // the same without a declared length: streamed in chunks
        Http http = http();
        HttpResponse<String> chunked = http.send(http.request(LIST)
                .header("Authorization", Http.basic(TestUsers.ADMIN)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(
                        huge.getBytes(java.nio.charset.StandardCharsets.UTF_8)))));
        assertProblem(413, chunked);
        assertEquals(before, total());
    }

    // --- paging ---

    @Test
    void pagesFollowIdOrderAndLinkToTheNextUntilTheLast() {
        List<Long> ids = IntStream.range(0, 5).mapToObj(i -> created().path("id").asLong()).toList();
        String next = LIST + "?limit=2&after=" + (ids.get(0) - 1);
        List<Long> seen = new ArrayList<>();
        int pages = 0;
        while (next != null) {
            HttpResponse<String> response = http().send(http().request(next.startsWith("http")
                    ? URI.create(next).getPath().substring(1) + "?" + URI.create(next).getRawQuery() : next)
                    .header("Authorization", Http.basic(TestUsers.ROY)).GET());
            assertEquals(200, response.statusCode(), response::body);
            JsonNode page = json(response.body());
            String bodyNext = page.hasNonNull("next") ? page.path("next").asText() : null;
            assertEquals(bodyNext == null ? Optional.empty() : Optional.of("<" + bodyNext + ">; rel=\"next\""),
                    response.headers().firstValue("Link"), "RFC 8288's Link beside the body's next, the same relative reference");
            assertEquals(2, page.path("limit").asInt());
            assertTrue(page.path("total").asLong() >= 5);
            assertTrue(page.path("items").size() <= 2);
            page.path("items").forEach(item -> seen.add(item.path("id").asLong()));
            next = page.hasNonNull("next") ? page.path("next").asText() : null;
            pages++;
        }
        assertEquals(ids, seen, "every subscriber once, in id order");
        assertEquals(3, pages);
    }

    @Test
    void defaultPageHoldsTwentyAndAHundredIsTheMost() {
        IntStream.range(0, 21).forEach(i -> created());
        JsonNode first = json(http().get(LIST, TestUsers.ROY).body());
        assertEquals(20, first.path("limit").asInt());
        assertEquals(20, first.path("items").size());
        assertTrue(first.hasNonNull("next"));
        assertEquals(100, json(http().get(LIST + "?limit=100", TestUsers.ROY).body()).path("limit").asInt());
    }

    // --- concurrency ---

    @Test
    void concurrentCreatesOfDistinctEmailsAllLand() throws Exception {
        long before = total();
        List<HttpResponse<String>> responses = concurrently(32, i -> subscriber("Parallel " + i, uniqueEmail()));
        responses.forEach(response -> assertEquals(201, response.statusCode(), response::body));
        assertEquals(before + 32, total());
        long distinctIds = responses.stream().map(r -> json(r.body()).path("id").asLong()).distinct().count();
        assertEquals(32, distinctIds);
    }

    @Test
    void concurrentCreatesOfOneEmailStoreItOnce() throws Exception {
        long before = total();
        String email = uniqueEmail();
        List<HttpResponse<String>> responses = concurrently(32,
                i -> subscriber("Same " + i, i % 2 == 0 ? email : email.toUpperCase(java.util.Locale.ROOT)));
        assertEquals(1, responses.stream().filter(r -> r.statusCode() == 201).count());
        assertEquals(31, responses.stream().filter(r -> r.statusCode() == 409).count());
        assertEquals(before + 1, total());
    }

    // --- conditional requests ---

    private HttpResponse<String> conditional(String method, String path, String header, String etag, String body) {
        Http http = http();
        HttpRequest.Builder request = http.request(path).header("Authorization", Http.basic(TestUsers.ADMIN)).header(header, etag)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request);
    }

    private static String etag(HttpResponse<String> response) {
        String etag = response.headers().firstValue("ETag").orElseThrow(() -> new AssertionError("no ETag: " + response.headers()));
        assertTrue(etag.matches("\"[0-9]+\""), "a strong entity tag: " + etag);
        return etag;
    }

    @Test
    void everyWriteMovesTheETagAndIfNoneMatchOfTheCurrentOneIs304() {
        HttpResponse<String> made = post(TestUsers.ADMIN, subscriber("Ada Lovelace", uniqueEmail()));
        String path = path(json(made.body()));
        String first = etag(made);
        HttpResponse<String> read = http().get(path, TestUsers.ROY);
        assertEquals(first, etag(read));
        HttpResponse<String> unchanged = conditional("GET", path, "If-None-Match", first, null);
        assertEquals(304, unchanged.statusCode());
        assertEquals("", unchanged.body());
        assertEquals(first, etag(unchanged));

        HttpResponse<String> replaced = conditional("PUT", path, "If-Match", first, subscriber("Ada King", uniqueEmail()));
        assertEquals(200, replaced.statusCode(), replaced::body);
        String second = etag(replaced);
        assertNotEquals(first, second);
        assertEquals(200, conditional("GET", path, "If-None-Match", first, null).statusCode(), "the old ETag is stale: the new body");
        assertEquals(304, conditional("GET", path, "If-None-Match", "\"x\", W/" + second, null).statusCode(), "weak comparison, any in the list");
        assertFalse(json(replaced.body()).has("version"), "the version is the ETag, not part of the body");
    }

    @Test
    void aStaleIfMatchIs412AndChangesNothing() {
        JsonNode existing = created();
        String path = path(existing);
        String current = etag(http().get(path, TestUsers.ROY));
        String stale = "\"" + (Long.parseLong(current.replace("\"", "")) + 7) + "\"";
        for (String ifMatch : List.of(stale, "W/" + current)) {
            assertProblem(412, conditional("PUT", path, "If-Match", ifMatch, subscriber("Changed", uniqueEmail())));
            assertProblem(412, conditional("DELETE", path, "If-Match", ifMatch, null));
        }
        HttpResponse<String> after = http().get(path, TestUsers.ROY);
        assertEquals(existing.path("name").asText(), json(after.body()).path("name").asText(), "nothing changed");
        assertEquals(current, etag(after));
        assertProblem(400, conditional("PUT", path, "If-Match", "3", subscriber("Changed", uniqueEmail())));
        assertProblem(404, conditional("DELETE", LIST + "/987654321", "If-Match", current, null));
        assertEquals(204, conditional("DELETE", path, "If-Match", "\"0\", " + current, null).statusCode(), "any tag of the list");
        assertEquals(404, http().get(path, TestUsers.ROY).statusCode());
    }

    /** Two admins read the same version and write at once: one write stands, the other gets 412. */
    @Test
    void twoConcurrentWritersOfOneVersionCannotBothWin() throws Exception {
        String path = path(created());
        String version = etag(http().get(path, TestUsers.ROY));
        for (int round = 0; round < 5; round++) {
            String read = etag(http().get(path, TestUsers.ROY));
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<CompletableFuture<HttpResponse<String>>> writers = IntStream.range(0, 2)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                        try {
                            start.await();
                        } catch (InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                        return conditional("PUT", path, "If-Match", read, subscriber("Writer " + i, uniqueEmail()));
                    })).toList();
            start.countDown();
            List<HttpResponse<String>> answers = new ArrayList<>();
            for (CompletableFuture<HttpResponse<String>> writer : writers) {
                answers.add(writer.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
            List<Integer> statuses = answers.stream().map(HttpResponse::statusCode).sorted().toList();
            assertEquals(List.of(200, 412), statuses, "exactly one write stands");
            HttpResponse<String> winner = answers.stream().filter(a -> a.statusCode() == 200).findFirst().orElseThrow();
            HttpResponse<String> stored = http().get(path, TestUsers.ROY);
            assertEquals(json(winner.body()).path("name").asText(), json(stored.body()).path("name").asText(), "the stored one is the winner's");
            assertEquals(etag(winner), etag(stored));
            assertNotEquals(version, etag(stored));
        }
    }

    private List<HttpResponse<String>> concurrently(int count, java.util.function.IntFunction<String> body) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<CompletableFuture<HttpResponse<String>>> futures = IntStream.range(0, count)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                        try {
                            start.await();
                        } catch (InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                        return post(TestUsers.ADMIN, body.apply(i));
                    }, pool))
                    .toList();
            start.countDown();
            List<HttpResponse<String>> responses = new ArrayList<>();
            for (CompletableFuture<HttpResponse<String>> future : futures) {
                responses.add(future.get(120, java.util.concurrent.TimeUnit.SECONDS));
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }

    // --- personal data stays out of problem bodies ---

    @Test
    void conflictDoesNotEchoTheEmail() {
        String email = uniqueEmail();
        post(TestUsers.ADMIN, subscriber("A", email));
        HttpResponse<String> conflict = post(TestUsers.ADMIN, subscriber("B", email));
        assertEquals(409, conflict.statusCode());
        assertFalse(conflict.body().contains(email), conflict.body());
    }
}
