package dev.securerestapi.container.tomcat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import dev.securerestapi.container.credentials.Pbkdf2;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * On Tomcat, says in the log which users file the realm of META-INF/context.xml reads when that
 * file cannot serve, and why; and which users' entries are in a format the realm cannot verify.
 * Tomcat already fails closed in both cases (an empty realm, a credential that never matches), but
 * reports a malformed file by line and column only and an unusable entry not at all.
 * It only logs, never an entry; it does nothing on other containers.
 */
public class UsersFileCheck implements ServletContextListener {

    /** The system property and default that META-INF/context.xml uses for the file. */
    static final String PROPERTY = "secure-rest-api.users";
    static final String DEFAULT = "conf/secure-rest-api-users.xml";

    private static final Logger LOG = Logger.getLogger(UsersFileCheck.class.getName());

    @Override
    public void contextInitialized(ServletContextEvent event) {
        String catalinaBase = System.getProperty("catalina.base");
        if (catalinaBase == null) {
            return;
        }
        Path file = Path.of(catalinaBase).resolve(System.getProperty(PROPERTY, DEFAULT)).normalize();
        Optional<String> problem = problemWith(file);
        problem.ifPresent(reason -> LOG.severe("Realm secure-rest-api cannot read its users from "
                + file + ": " + reason + ". Every protected request gets 401 until that is fixed."));
        if (problem.isEmpty()) {
            usersWithoutStrongHash(file).forEach(user -> LOG.warning("Realm secure-rest-api: the entry for user '"
                    + user + "' in " + file + " is not a PBKDF2-HMAC-SHA256 hash (salt$iterations$hash, at least "
                    + Pbkdf2.MIN_ITERATIONS + " iterations); that user cannot log in"));
        }
    }

    /** The users whose stored password is in no format this realm verifies; never the entries themselves. */
    static List<String> usersWithoutStrongHash(Path file) {
        try {
            Document document = parser().parse(file.toFile());
            NodeList users = document.getElementsByTagNameNS("*", "user");
            List<String> weak = new ArrayList<>();
            for (int i = 0; i < users.getLength(); i++) {
                Element user = (Element) users.item(i);
                String name = user.hasAttribute("username") ? user.getAttribute("username") : user.getAttribute("name");
                if (Pbkdf2.parse(user.getAttribute("password")).isEmpty()) {
                    weak.add(name);
                }
            }
            return weak;
        } catch (SAXException | IOException | ParserConfigurationException e) {
            return List.of();
        }
    }

    private static DocumentBuilder parser() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder();
    }

    /** What keeps the file from holding users, or empty when it is readable, well-formed XML. */
    static Optional<String> problemWith(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.of("no such file");
        }
        if (!Files.isReadable(file)) {
            return Optional.of("not readable by this process");
        }
        try {
            parser().parse(file.toFile());
            return Optional.empty();
        } catch (SAXParseException e) {
            return Optional.of("not well-formed XML at line " + e.getLineNumber() + ", column "
                    + e.getColumnNumber() + ": " + e.getMessage().replaceFirst("\\.$", ""));
        } catch (SAXException | IOException | ParserConfigurationException e) {
            return Optional.of("unreadable: " + e.getMessage());
        }
    }
}
