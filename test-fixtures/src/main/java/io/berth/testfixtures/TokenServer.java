package io.berth.testfixtures;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A token server for a docker-registry's {@code auth: token:} section, on 127.0.0.1: it issues
 * JWTs (RS256, the signing certificate in {@code x5c}) that the registry checks against
 * {@link #rootCertBundle}. Anonymous callers get pull rights on every repository; a known user
 * (basic auth on the token request) pull and push; a wrong password gets 401. Tokens can be
 * issued already expired ({@link #expireNext}) to check that a client renews them.
 */
public final class TokenServer implements AutoCloseable {
    public static final String SERVICE = "berth-test-registry";
    public static final String ISSUER = "berth-test-token-issuer";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer http;
    private final Map<String, String> passwordsByUser;
    private final TestCertificates signer;
    private final PrivateKey key;
    private final String certificateDer;
    private final AtomicInteger expiredToIssue = new AtomicInteger();
    private final AtomicInteger serial = new AtomicInteger();
    /** Every token issued: "user-or-anonymous scope=granted" lines, in order. */
    private final List<String> issued = new CopyOnWriteArrayList<>();

    private TokenServer(HttpServer http, Map<String, String> passwordsByUser, TestCertificates signer)
            throws IOException, GeneralSecurityException {
        this.http = http;
        this.passwordsByUser = Map.copyOf(passwordsByUser);
        this.signer = signer;
        String pem = Files.readString(signer.key());
        String body = pem.substring(pem.indexOf("-----BEGIN PRIVATE KEY-----") + 27, pem.indexOf("-----END PRIVATE KEY-----"));
        this.key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(body)));
        try (var in = Files.newInputStream(signer.certificate())) {
            this.certificateDer = Base64.getEncoder().encodeToString(
                    CertificateFactory.getInstance("X.509").generateCertificate(in).getEncoded());
        }
    }

    /** A token server whose signing key and certificate are made in {@code dir} (the test removes it). */
    public static TokenServer start(Path dir, Map<String, String> passwordsByUser) throws IOException {
        TestCertificates signer = TestCertificates.authority(dir, "berth-token-signer");
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        try {
            TokenServer server = new TokenServer(http, passwordsByUser, signer);
            http.createContext("/token", server::token);
            http.start();
            return server;
        } catch (GeneralSecurityException e) {
            http.stop(0);
            throw new IOException("token signer: " + e.getMessage(), e);
        }
    }

    /** What the registry's {@code auth: token:} needs to trust this server. */
    public LocalRegistry.TokenAuth registryAuth() {
        return new LocalRegistry.TokenAuth(realm(), SERVICE, ISSUER, rootCertBundle());
    }

    public String realm() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/token";
    }

    public Path rootCertBundle() {
        return signer.certificate();
    }

    /** The next {@code count} tokens are issued already expired (past the registry's leeway). */
    public void expireNext(int count) {
        expiredToIssue.set(count);
    }

    public List<String> issued() {
        return List.copyOf(issued);
    }

    private void token(HttpExchange exchange) throws IOException {
        try (exchange) {
            String user = "";
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization != null && authorization.startsWith("Basic ")) {
                String pair = new String(Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.UTF_8);
                int colon = pair.indexOf(':');
                user = pair.substring(0, colon);
                if (!pair.substring(colon + 1).equals(passwordsByUser.get(user))) {
                    reply(exchange, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"wrong user name or password\"}]}");
                    return;
                }
            }
            List<String> scopes = new ArrayList<>();
            String query = exchange.getRequestURI().getRawQuery();
            for (String pair : query == null ? new String[0] : query.split("&")) {
                if (pair.startsWith("scope=")) {
                    scopes.add(URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8));
                }
            }
            reply(exchange, 200, JSON.writeValueAsString(JSON.createObjectNode()
                    .put("token", sign(user, scopes)).put("expires_in", 300).put("issued_at", Instant.now().toString())));
        } catch (GeneralSecurityException | RuntimeException e) {
            reply(exchange, 500, "{\"errors\":[{\"code\":\"ERROR\",\"message\":\"" + e + "\"}]}");
        }
    }

    private String sign(String user, List<String> scopes) throws IOException, GeneralSecurityException {
        long now = Instant.now().getEpochSecond();
        boolean expired = expiredToIssue.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
        ArrayNode access = JSON.createArrayNode();
        for (String scope : scopes) { // repository:NAME:ACTIONS
            String[] parts = scope.split(":");
            if (parts.length != 3 || !parts[0].equals("repository")) {
                continue;
            }
            ArrayNode actions = JSON.createArrayNode();
            for (String action : parts[2].split(",")) {
                if (action.equals("pull") || action.equals("push") && !user.isEmpty()) {
                    actions.add(action);
                }
            }
            access.addObject().put("type", "repository").put("name", parts[1]).set("actions", actions);
        }
        ObjectNode claims = JSON.createObjectNode().put("iss", ISSUER).put("sub", user).put("aud", SERVICE)
                .put("exp", expired ? now - 600 : now + 300).put("nbf", now - 10).put("iat", now)
                .put("jti", "berth-" + serial.incrementAndGet());
        claims.set("access", access);
        ObjectNode header = JSON.createObjectNode().put("typ", "JWT").put("alg", "RS256");
        header.putArray("x5c").add(certificateDer);
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        String signed = url.encodeToString(JSON.writeValueAsBytes(header)) + "." + url.encodeToString(JSON.writeValueAsBytes(claims));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key);
        signature.update(signed.getBytes(StandardCharsets.US_ASCII));
        issued.add((user.isEmpty() ? "anonymous" : user) + (expired ? " expired" : "") + " " + access);
        return signed + "." + url.encodeToString(signature.sign());
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
