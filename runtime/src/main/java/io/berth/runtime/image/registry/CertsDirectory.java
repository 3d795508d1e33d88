package io.berth.runtime.image.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * A registry's certs.d directory as Docker reads it: every {@code *.crt} is a CA added to the
 * system's; every {@code NAME.cert} a client certificate whose key is {@code NAME.key} (a key
 * without its certificate, or the other way round, is an error). No directory: the system's CAs.
 */
record CertsDirectory(List<X509Certificate> authorities, List<ClientPair> clients) {
    /** Where Go (and so Docker) finds the system's CA bundle, first found wins. */
    private static final List<Path> SYSTEM_BUNDLES = List.of(Path.of("/etc/ssl/certs/ca-certificates.crt"),
            Path.of("/etc/pki/tls/certs/ca-bundle.crt"), Path.of("/etc/ssl/ca-bundle.pem"),
            Path.of("/etc/pki/tls/cacert.pem"), Path.of("/etc/ssl/cert.pem"));
    private static volatile List<X509Certificate> systemRoots;

    record ClientPair(List<X509Certificate> chain, PrivateKey key) {
    }

    static CertsDirectory read(Path dir) throws IOException, GeneralSecurityException {
        List<X509Certificate> authorities = new ArrayList<>();
        List<ClientPair> clients = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.sorted().toList();
        } catch (NoSuchFileException e) {
            return new CertsDirectory(List.of(), List.of());
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (name.endsWith(".crt")) {
                authorities.addAll(certificates(file));
            } else if (name.endsWith(".cert")) {
                Path key = file.resolveSibling(name.substring(0, name.length() - ".cert".length()) + ".key");
                if (!Files.exists(key)) {
                    throw new IOException(file + ": client certificate without its key " + key.getFileName());
                }
                clients.add(new ClientPair(certificates(file), PemKeys.read(key)));
            } else if (name.endsWith(".key")) {
                Path cert = file.resolveSibling(name.substring(0, name.length() - ".key".length()) + ".cert");
                if (!Files.exists(cert)) {
                    throw new IOException(file + ": client key without its certificate " + cert.getFileName());
                }
            }
        }
        return new CertsDirectory(List.copyOf(authorities), List.copyOf(clients));
    }

    /** The system's CAs and this directory's. */
    TrustManager[] trustManagers() throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        int n = 0;
        for (X509Certificate authority : systemRoots()) {
            store.setCertificateEntry("system-" + n++, authority);
        }
        for (X509Certificate authority : authorities) {
            store.setCertificateEntry("certs.d-" + n++, authority);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory.getTrustManagers();
    }

    /** The client certificates, if any (null: none, the JDK's default). */
    KeyManager[] keyManagers() throws IOException, GeneralSecurityException {
        if (clients.isEmpty()) {
            return null;
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        char[] password = new char[0];
        for (int i = 0; i < clients.size(); i++) {
            store.setKeyEntry("client-" + i, clients.get(i).key(), password,
                    clients.get(i).chain().toArray(new Certificate[0]));
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, password);
        return factory.getKeyManagers();
    }

    private static List<X509Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> found = new ArrayList<>();
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                found.add((X509Certificate) certificate);
            }
            if (found.isEmpty()) {
                throw new IOException(file + ": no PEM certificate in it");
            }
            return found;
        } catch (java.security.cert.CertificateException e) {
            throw new IOException(file + ": not a PEM certificate (" + e.getMessage() + ")", e);
        }
    }

    /** The system bundle as Docker reads it; the JDK's own CAs where the system has none. */
    private static List<X509Certificate> systemRoots() throws IOException, GeneralSecurityException {
        List<X509Certificate> roots = systemRoots;
        if (roots != null) {
            return roots;
        }
        Path bundle = SYSTEM_BUNDLES.stream().filter(Files::isReadable).findFirst().orElse(null);
        if (bundle != null) {
            roots = certificates(bundle);
        } else {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            roots = new ArrayList<>();
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    roots.addAll(List.of(x509.getAcceptedIssuers()));
                }
            }
        }
        systemRoots = List.copyOf(roots);
        return systemRoots;
    }
}
