package dev.securerestapi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import dev.securerestapi.it.support.Await;
import dev.securerestapi.it.support.Containers;
import dev.securerestapi.it.support.ExternalContainer;
import dev.securerestapi.it.support.Http;
import dev.securerestapi.it.support.TestUsers;
import org.junit.jupiter.api.Test;

/**
 * The Tomcat of docs/deploy-tomcat.md, as the other suites use it, is the WAR and its users file:
 * nothing of the project's in Tomcat's {@code lib}, and its logins still go through the login core
 * (its cache, throttle, charsets and timing are held there by MetricsIT, LoginThrottlingIT,
 * NonAsciiPasswordsIT and UnknownUserTimingIT, which run on this same container).
 */
class DeployingToTomcatIsCopyingTheWarIT {

    @Test
    void tomcatsLibHoldsNothingOfTheProjectsAndTheWarsModuleDecidesLogins() throws Exception {
        ExternalContainer tomcat = (ExternalContainer) Containers.tomcat();
        Http http = new Http(tomcat);
        Await.within(Duration.ofSeconds(60), () -> http.get("api/v1/private", TestUsers.ADMIN).statusCode() == 200, tomcat::log);
        Path lib = tomcat.realmFile().getParent().getParent().resolve("lib");
        assertTrue(Files.isRegularFile(lib.resolve("catalina.jar")), "Tomcat's own lib: " + lib);
        List<String> ours;
        try (Stream<Path> jars = Files.list(lib)) {
            ours = jars.map(jar -> jar.getFileName().toString()).filter(name -> name.contains("secure-rest-api")).toList();
        }
        assertEquals(List.of(), ours);
        assertTrue(tomcat.log().contains("BASIC logins decided by the login core, through Jakarta Authentication"), tomcat.log());
    }
}
