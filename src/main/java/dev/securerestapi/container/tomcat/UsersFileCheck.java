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
        Document users;
        try {
            users = read(file);
        } catch (UnusableFile e) {
            LOG.severe("Realm secure-rest-api cannot read its users from " + file + ": " + e.getMessage()
                    + ". Every protected request gets 401 until that is fixed.");
            return;
        }
        usersWithoutStrongHash(users).forEach(user -> LOG.warning("Realm secure-rest-api: the entry for user '"
                + user + "' in " + file + " is not a PBKDF2-HMAC-SHA256 hash (salt$iterations$hash, at least "
                + Pbkdf2.MIN_ITERATIONS + " iterations); that user cannot log in"));
    }

    /** What keeps the file from holding users, or empty when it is readable, well-formed XML. */
    static Optional<String> problemWith(Path file) {
        try {
            read(file);
            return Optional.empty();
        } catch (UnusableFile e) {
            return Optional.of(e.getMessage());
        }
    }

    /** The users whose stored password is in no format this realm verifies; never the entries themselves. */
    static List<String> usersWithoutStrongHash(Document document) {
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
    }

    /** The file, parsed once; or why it holds no users. */
    static Document read(Path file) throws UnusableFile {
        if (!Files.isRegularFile(file)) {
            throw new UnusableFile("no such file");
        }
        if (!Files.isReadable(file)) {
            throw new UnusableFile("not readable by this process");
        }
        try {
            return parser().parse(file.toFile());
        } catch (SAXParseException e) {
            throw new UnusableFile("not well-formed XML at line " + e.getLineNumber() + ", column "
                    + e.getColumnNumber() + ": " + e.getMessage().replaceFirst("\\.$", ""));
        } catch (SAXException | IOException | ParserConfigurationException e) {
            throw new UnusableFile("unreadable: " + e.getMessage());
        }
    }

    static final class UnusableFile extends Exception {
        UnusableFile(String reason) {
            super(reason);
        }
    }

    private static DocumentBuilder parser() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder();
    }
}
