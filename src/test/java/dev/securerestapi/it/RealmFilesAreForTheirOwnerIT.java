package dev.securerestapi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.stream.Stream;

import dev.securerestapi.it.support.Containers;
import dev.securerestapi.it.support.ExternalContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The deploy steps, run as written, leave the users file readable by its owner only (0600): no
 * other account on the machine can copy the hashes and guess at them offline. The containers log
 * nothing about an exposed file then (they do when it is: RealmFileFailsClosedIT).
 */
@ParameterizedClass(name = "{0}")
@MethodSource("deployedByTheDocs")
class RealmFilesAreForTheirOwnerIT {

    static Stream<ExternalContainer> deployedByTheDocs() {
        return Stream.concat(Stream.of(Containers.tomcat()), Containers.all().filter(c -> c.name().startsWith("stock Jetty")))
                .map(ExternalContainer.class::cast);
    }

    @Parameter
    ExternalContainer container;

    @Test
    void theDeployStepsMakeTheUsersFileOwnerOnly() {
        // as the steps left it: other suites may change it since (UsersCommandIT makes it 0640)
        assertEquals("rw-------", container.realmModeAtStart(), container.realmFile().toString());
        assertFalse(container.log().contains("is readable by every account"), container::log);
    }
}
