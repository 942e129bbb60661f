package dev.securerestapi;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * What ships where follows the package roots, and these rules keep each root to what its
 * artifact can load (see the packaging in pom.xml):
 * <ul>
 * <li>{@code app}: the application, in the WAR; runs on any servlet container.</li>
 * <li>{@code jetty}, {@code tomcat}: each container's adapter, which hands a login to the login
 *     core and its outcome to the container, and what else that container needs; loaded from the WAR.</li>
 * <li>{@code realm}: the login core ({@code realm.login.Login}), realm files, PBKDF2, the users
 *     directory and the users command; JDK only, so that it knows no container, the users jar
 *     runs with nothing but Java, and both containers can load it.</li>
 * <li>{@code settings}: facts and settings every root reads; JDK only.</li>
 * </ul>
 */
class ArchitectureTest {

    private static final String ROOT = "dev.securerestapi";
    private static final JavaClasses SHIPPED = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    private static final String[] CONTAINERS = {"org.eclipse.jetty..", "org.apache.catalina..", "org.apache.tomcat..",
            "org.apache.coyote..", ROOT + ".jetty..", ROOT + ".tomcat.."};

    @Test
    void everyShippedClassBelongsToOneRoot() {
        classes().should().resideInAnyPackage(ROOT + ".app..", ROOT + ".jetty..", ROOT + ".tomcat..", ROOT + ".realm..",
                ROOT + ".settings..", ROOT + ".credentials..").check(SHIPPED);
    }

    @Test
    void theApplicationImportsNeitherContainerClassesNorRealmCode() {
        noClasses().that().resideInAPackage(ROOT + ".app..")
                .should().dependOnClassesThat().resideInAnyPackage(CONTAINERS)
                .orShould().dependOnClassesThat().resideInAPackage(ROOT + ".realm..")
                .check(SHIPPED);
    }

    @Test
    void theRealmCodeImportsOnlyTheJdkAndTheSettings() {
        classes().that().resideInAPackage(ROOT + ".realm..").and().resideOutsideOfPackage(ROOT + ".realm.hash")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax..", "org.xml.sax..", "org.w3c.dom..",
                        ROOT + ".realm..", ROOT + ".settings..", ROOT + ".credentials..")
                .check(SHIPPED);
    }

    @Test
    void onlyThePasswordHashesUseBouncyCastleAndOnlyItsLightweightApiAndCommonsCodecsCrypts() {
        classes().that().resideInAPackage(ROOT + ".realm.hash")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax..", "org.bouncycastle.crypto..",
                        "org.apache.commons.codec.digest..", ROOT + ".realm.hash", ROOT + ".settings..")
                .check(SHIPPED);
    }

    @Test
    void theCredentialsContractImportsOnlyTheJdk() {
        classes().that().resideInAPackage(ROOT + ".credentials..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", ROOT + ".credentials..")
                .check(SHIPPED);
    }

    @Test
    void theSettingsImportOnlyTheJdk() {
        classes().that().resideInAPackage(ROOT + ".settings..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", ROOT + ".settings..")
                .check(SHIPPED);
    }

    @Test
    void containerCodeNeverImportsTheApplication() {
        noClasses().that().resideInAnyPackage(ROOT + ".jetty..", ROOT + ".tomcat..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".app..")
                .check(SHIPPED);
    }

    @Test
    void eachContainersCodeImportsOnlyItsOwnContainer() {
        noClasses().that().resideInAPackage(ROOT + ".jetty..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.catalina..", "org.apache.tomcat..", ROOT + ".tomcat..")
                .check(SHIPPED);
        noClasses().that().resideInAPackage(ROOT + ".tomcat..")
                .should().dependOnClassesThat().resideInAnyPackage("org.eclipse.jetty..", ROOT + ".jetty..")
                .check(SHIPPED);
    }

    @Test
    void eachAdapterTalksToTheLoginCoreAloneAndToItsOwnContainer() {
        classes().that().resideInAPackage(ROOT + ".jetty..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax..", "jakarta.servlet..", "org.eclipse.jetty..",
                        ROOT + ".jetty..", ROOT + ".realm.login", ROOT + ".settings..", ROOT + ".credentials..")
                .check(SHIPPED);
        classes().that().resideInAPackage(ROOT + ".tomcat..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax..", "jakarta.servlet..",
                        "jakarta.security.auth.message..", "org.apache.catalina..", "org.apache.tomcat..",
                        ROOT + ".tomcat..", ROOT + ".realm.login", ROOT + ".settings..", ROOT + ".credentials..")
                .check(SHIPPED);
    }

    /** NoServletReferences tells Jersey not to make them injectable: a resource or provider asking for one would fail. */
    @Test
    void noResourceOrProviderTouchesTheServletRequestOrResponse() {
        noClasses().that().areAnnotatedWith(jakarta.ws.rs.Path.class).or().areAnnotatedWith(jakarta.ws.rs.ext.Provider.class)
                .should().dependOnClassesThat().resideInAPackage("jakarta.servlet.http..")
                .check(SHIPPED);
    }

    @Test
    void rootsFormNoCycle() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(SHIPPED);
    }

    @Test
    void packagesFormNoCycle() {
        slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(SHIPPED);
    }
}
