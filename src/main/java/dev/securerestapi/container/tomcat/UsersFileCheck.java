package dev.securerestapi.container.tomcat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.Logger;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * On Tomcat, says in the log which users file the realm of META-INF/context.xml reads when that
 * file cannot serve, and why. Tomcat already fails closed (an empty realm refuses every login),
 * and names a missing file itself, but reports a malformed one by line and column only.
 * It only logs; it never reads a user or a hash, and does nothing on other containers.
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
        problemWith(file).ifPresent(reason -> LOG.severe("Realm secure-rest-api cannot read its users from "
                + file + ": " + reason + ". Every protected request gets 401 until that is fixed."));
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
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.newDocumentBuilder().parse(file.toFile());
            return Optional.empty();
        } catch (SAXParseException e) {
            return Optional.of("not well-formed XML at line " + e.getLineNumber() + ", column "
                    + e.getColumnNumber() + ": " + e.getMessage().replaceFirst("\\.$", ""));
        } catch (SAXException | IOException | ParserConfigurationException e) {
            return Optional.of("unreadable: " + e.getMessage());
        }
    }
}
