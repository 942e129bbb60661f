package dev.securerestapi.it.support;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/** TLS as the tests' clients speak it: trusting the build's development certificate and nothing else. */
public final class DevTls {

    private static final SSLContext CONTEXT = trustingTheDevCertificate();

    private DevTls() {}

    public static SSLContext context() {
        return CONTEXT;
    }

    /** A connected socket to {@code uri}'s host and port, TLS when its scheme is https, bound to {@code from} when given. */
    public static Socket connect(URI uri, String from) throws IOException {
        Socket plain = from == null ? new Socket(uri.getHost(), uri.getPort())
                : new Socket(java.net.InetAddress.getByName(uri.getHost()), uri.getPort(), java.net.InetAddress.getByName(from), 0);
        if (!"https".equals(uri.getScheme())) {
            return plain;
        }
        SSLSocket tls = (SSLSocket) CONTEXT.getSocketFactory().createSocket(plain, uri.getHost(), uri.getPort(), true);
        tls.startHandshake();
        return tls;
    }

    private static SSLContext trustingTheDevCertificate() {
        try {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("secure-rest-api-dev", CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(ItConfig.devCertificate()))));
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
