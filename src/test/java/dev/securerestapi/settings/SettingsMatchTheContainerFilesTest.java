package dev.securerestapi.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The facts Settings holds are written once more where Java cannot reach, in the files the
 * containers read. These tests hold those files to Settings, so that changing one without the
 * other fails the build.
 */
class SettingsMatchTheContainerFilesTest {

    private static final Path WEBAPP = Path.of("src/main/webapp");

    @Test
    void webXmlDeclaresExactlyTheRoles() throws Exception {
        java.util.Set<String> declared = new java.util.HashSet<>(Settings.ROLES);
        declared.add(Settings.TEMPORARY_ROLE);
        declared.add(Settings.PASSWORD_ROLE);
        assertEquals(declared, texts(webXml(), "security-role", "role-name"));
    }

    @Test
    void webXmlOpensExactlyThePublicPaths() throws Exception {
        Set<String> open = new HashSet<>();
        NodeList constraints = webXml().getElementsByTagNameNS("*", "security-constraint");
        for (int i = 0; i < constraints.getLength(); i++) {
            Element constraint = (Element) constraints.item(i);
            if (constraint.getElementsByTagNameNS("*", "auth-constraint").getLength() == 0
                    && constraint.getElementsByTagNameNS("*", "http-method").getLength() == 0) {
                NodeList patterns = constraint.getElementsByTagNameNS("*", "url-pattern");
                for (int j = 0; j < patterns.getLength(); j++) {
                    open.add(patterns.item(j).getTextContent().strip());
                }
            }
        }
        Set<String> expected = new HashSet<>(Settings.PUBLIC_PATHS);
        expected.remove("/"); // the context root is the pattern "", which a request for "/" matches
        assertEquals(expected, open);
    }

    /**
     * The one opening beyond the public paths: OPTIONS, on every pattern any constraint names (the
     * most specific pattern decides, so each needs it), and the filter that answers every OPTIONS
     * on every path, so none reaches a resource.
     */
    @Test
    void webXmlOpensOnlyOptionsBeyondThePublicPathsOnEveryPatternAndTheCorsFilterAnswersIt() throws Exception {
        Set<String> everyPattern = new HashSet<>();
        Set<String> optionsOpen = new HashSet<>();
        NodeList constraints = webXml().getElementsByTagNameNS("*", "security-constraint");
        for (int i = 0; i < constraints.getLength(); i++) {
            Element constraint = (Element) constraints.item(i);
            Set<String> patterns = texts(constraint, "url-pattern");
            everyPattern.addAll(patterns);
            Set<String> methods = texts(constraint, "http-method");
            if (constraint.getElementsByTagNameNS("*", "auth-constraint").getLength() == 0 && !methods.isEmpty()) {
                assertEquals(Set.of("OPTIONS"), methods, "an open constraint with methods opens OPTIONS alone");
                optionsOpen.addAll(patterns);
            }
        }
        everyPattern.removeAll(Settings.PUBLIC_PATHS);
        everyPattern.remove("");
        assertEquals(everyPattern, optionsOpen);

        NodeList mappings = webXml().getElementsByTagNameNS("*", "filter-mapping");
        boolean corsOnEverything = false;
        for (int i = 0; i < mappings.getLength(); i++) {
            Element mapping = (Element) mappings.item(i);
            corsOnEverything |= texts(mapping, "filter-name").equals(Set.of("cors")) && texts(mapping, "url-pattern").equals(Set.of("/*"))
                    && texts(mapping, "dispatcher").contains("REQUEST");
        }
        assertTrue(corsOnEverything, "the cors filter answers OPTIONS on every path");
        NodeList filters = webXml().getElementsByTagNameNS("*", "filter");
        boolean corsIsTheFilter = false;
        for (int i = 0; i < filters.getLength(); i++) {
            Element filter = (Element) filters.item(i);
            corsIsTheFilter |= texts(filter, "filter-name").equals(Set.of("cors"))
                    && texts(filter, "filter-class").equals(Set.of(dev.securerestapi.app.http.Cors.class.getName()));
        }
        assertTrue(corsIsTheFilter);
    }

    private static Set<String> texts(Element element, String tag) {
        Set<String> texts = new HashSet<>();
        NodeList nodes = element.getElementsByTagNameNS("*", tag);
        for (int j = 0; j < nodes.getLength(); j++) {
            texts.add(nodes.item(j).getTextContent().strip());
        }
        return texts;
    }

    @Test
    void webXmlNamesTheRealm() throws Exception {
        assertEquals(Set.of(Settings.REALM_NAME), texts(webXml(), "login-config", "realm-name"));
    }

    @Test
    void contextXmlReadsNoSettingAndDeclaresNoRealmWithUsers() throws Exception {
        String context = Files.readString(WEBAPP.resolve("META-INF/context.xml"));
        assertTrue(!context.contains("${" + Settings.PREFIX), "every setting is read once, by Settings, on both containers");
        assertTrue(context.contains("<Realm className=\"org.apache.catalina.realm.NullRealm\"/>"), context);
        assertTrue(!context.contains("LockOutRealm") && !context.contains("UserDatabase"), "one lockout, the login core's");
    }

    private static Document webXml() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(WEBAPP.resolve("WEB-INF/web.xml").toFile());
    }

    private static Set<String> texts(Document document, String parent, String child) {
        Set<String> texts = new HashSet<>();
        NodeList parents = document.getElementsByTagNameNS("*", parent);
        for (int i = 0; i < parents.getLength(); i++) {
            NodeList children = ((Element) parents.item(i)).getElementsByTagNameNS("*", child);
            for (int j = 0; j < children.getLength(); j++) {
                texts.add(children.item(j).getTextContent().strip());
            }
        }
        return texts;
    }
}
