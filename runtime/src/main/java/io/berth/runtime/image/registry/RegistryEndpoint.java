package io.berth.runtime.image.registry;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.X509Certificate;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * One registry's transport: its scheme, and for HTTPS the TLS context (the system's CAs and
 * the registry's certs.d directory, or no checks at all for an insecure registry). An insecure
 * registry that does not speak TLS is then talked to over plain HTTP, as Docker's daemon does.
 */
final class RegistryEndpoint {
    private final String scheme;
    private final RegistryTls tls;
    private final String hostPort;
    private final boolean insecure;
    /** Set when the server asked for a client certificate and certs.d had none to give. */
    private volatile boolean clientCertificateWanted;
    private volatile boolean hasClientCertificate;

    RegistryEndpoint(String scheme, RegistryTls tls, String hostPort, boolean insecure) {
        this.scheme = scheme;
        this.tls = tls;
        this.hostPort = hostPort;
        this.insecure = insecure;
    }

    String scheme() {
        return scheme;
    }

    boolean insecure() {
        return insecure;
    }

    /** The TLS context (null for plain HTTP). Reads certs.d now: an unusable file is an error here. */
    SSLContext sslContext() throws IOException {
        if (!scheme.equals("https")) {
            return null;
        }
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            CertsDirectory certs = CertsDirectory.read(tls.dirFor(hostPort));
            hasClientCertificate = !certs.clients().isEmpty();
            KeyManager[] keys = hasClientCertificate ? certs.keyManagers() : new KeyManager[] {new NoClientCertificate()};
            context.init(keys, insecure ? new X509ExtendedTrustManager[] {new TrustingAll()}
                    : certs.trustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("TLS set-up for " + hostPort + ": " + e.getMessage(), e);
        }
    }

    /** Whether {@code e} says the server answered, but not in TLS (a plain HTTP registry). */
    static boolean notTls(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage());
            if (cause instanceof SSLException && (message.contains("Unsupported or unrecognized SSL message")
                    || message.contains("plaintext"))) {
                return true;
            }
        }
        return false;
    }

    /** A TLS failure in words, with how to fix it; null when {@code e} is no TLS failure. */
    String explain(Throwable e) {
        if (clientCertificateWanted && !hasClientCertificate) {
            // TLS 1.3 reports the refusal after the handshake: the error itself may say nothing
            return "TLS with " + hostPort + ": the registry wants a client certificate: put client.cert and"
                    + " client.key in " + tls.dirFor(hostPort);
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof CertificateExpiredException) {
                return "TLS: the certificate of " + hostPort + " has expired (" + cause.getMessage() + ")";
            }
            if (cause instanceof CertPathBuilderException || cause instanceof CertPathValidatorException) {
                return "TLS: the certificate of " + hostPort + " is signed by an unknown authority: put the"
                        + " registry's CA in " + tls.dirFor(hostPort).resolve("ca.crt")
                        + " (or list it in BERTH_INSECURE_REGISTRIES not to check it)";
            }
            if (cause instanceof CertificateException && String.valueOf(cause.getMessage()).contains("No subject alternative")) {
                return "TLS: the certificate of " + hostPort + " is not for this name (" + cause.getMessage() + ")";
            }
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SSLException) {
                String message = String.valueOf(cause.getMessage());
                String hint = message.contains("bad_certificate") || message.contains("certificate_required")
                        ? " (the registry wants a client certificate: client.cert and client.key in "
                        + tls.dirFor(hostPort) + ")" : "";
                return "TLS with " + hostPort + " failed: " + message + hint;
            }
        }
        return null;
    }

    /** No client certificate to give, but notes that the server asked for one (for the error). */
    private final class NoClientCertificate extends X509ExtendedKeyManager {
        @Override
        public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
            clientCertificateWanted = true;
            return null;
        }

        @Override
        public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
            clientCertificateWanted = true;
            return null;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[0];
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return new String[0];
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return null;
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return null;
        }
    }

    /** An insecure registry's certificate is not checked, nor the name it is for (Docker's InsecureSkipVerify). */
    private static final class TrustingAll extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
