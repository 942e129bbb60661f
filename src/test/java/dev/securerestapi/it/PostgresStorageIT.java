package dev.securerestapi.it;

import static dev.securerestapi.it.support.ProblemAssert.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import dev.securerestapi.it.support.Container;
import dev.securerestapi.it.support.Containers;
import dev.securerestapi.it.support.ExternalContainer;
import dev.securerestapi.it.support.Http;
import dev.securerestapi.it.support.PostgresServer;
import dev.securerestapi.it.support.TestUsers;
import org.junit.jupiter.api.Test;

/**
 * With a DataSource bound at java:comp/env/jdbc/subscribers, the application keeps its data
 * there and not in its embedded database: what the API acknowledges is in PostgreSQL's table,
 * created by the migration.
 */
class PostgresStorageIT {

    @Test
    void subscribersLandInTheContainersPostgresDatabase() throws SQLException {
        Container tomcat = Containers.tomcatWithPostgres();
        Http http = new Http(tomcat);
        String email = "pg-" + UUID.randomUUID() + "@Example.org";
        HttpResponse<String> created = http.send(http.request("api/v1/subscribers")
                .header("Authorization", Http.basic(TestUsers.ADMIN))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Édith Piaf\",\"email\":\"" + email + "\"}")));
        assertEquals(201, created.statusCode(), created::body);
        JsonNode subscriber = json(created.body());

        PostgresServer postgres = Containers.postgres();
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), PostgresServer.ROLE, PostgresServer.PASSWORD);
                PreparedStatement select = connection.prepareStatement(
                        "SELECT name, email, email_key FROM subscribers WHERE id = ?")) {
            select.setLong(1, subscriber.path("id").asLong());
            try (ResultSet row = select.executeQuery()) {
                assertTrue(row.next(), "the subscriber is in PostgreSQL");
                assertEquals("Édith Piaf", row.getString("name"));
                assertEquals(email, row.getString("email"));
                assertEquals(email.toLowerCase(java.util.Locale.ROOT), row.getString("email_key"));
            }
        }
        assertTrue(((ExternalContainer) tomcat).log().contains("Storage: the container's DataSource"),
                "the application says which storage it uses");
    }
}
