package io.berth.runtime.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.berth.runtime.ImageInfo;
import io.berth.runtime.ImageReference;
import io.berth.runtime.ImageService;
import io.berth.runtime.RegistryLogins;
import io.berth.runtime.RuntimeOperationException;
import io.berth.testfixtures.BusyboxImage;
import io.berth.testfixtures.LocalRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bearer flow with credentials, for a push: a token front on 127.0.0.1 (as a registry's
 * `auth: token:` set-up behaves towards a client) issues tokens only for the right user and
 * password, each for the scope asked, and lets a request through only with a token whose scope
 * covers it (pull for GET/HEAD, pull,push for uploads), proxying it to a real docker-registry.
 */
class BearerAuthPushTest {
    private static final String USER = "berth";
    private static final String PASSWORD = "token-pass";
    private static LocalRegistry registry;
    private static HttpServer front;
    private static final Map<String, AtomicInteger> TOKENS_BY_SCOPE = new ConcurrentHashMap<>();
    private static final AtomicInteger TOKENS_ISSUED = new AtomicInteger();
    /** Tokens numbered below this are expired; set by a request when {@link #expireAfterOneRequest}. */
    private static volatile int validFrom;
    private static volatile boolean expireAfterOneRequest;
    private TempStateRoot root;
    private Path dockerConfig;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(LocalRegistry.available(), "needs /usr/bin/docker-registry and skopeo");
        registry = LocalRegistry.start();
        front = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        front.createContext("/token", BearerAuthPushTest::token);
        front.createContext("/v2/", BearerAuthPushTest::proxy);
        front.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (front != null) {
            front.stop(0);
        }
        if (registry != null) {
            registry.close();
        }
    }

    @BeforeEach
    void open() throws IOException {
        root = new TempStateRoot();
        dockerConfig = root.dir.resolve("docker-config");
        TOKENS_BY_SCOPE.clear();
        expireAfterOneRequest = false;
    }

    @AfterEach
    void clean() throws IOException {
        root.close();
    }

    private static String frontAddress() {
        return "127.0.0.1:" + front.getAddress().getPort();
    }

    @Test
    void logsInThenPushesWithOnePushTokenAndPullsBackWithAPullToken() {
        RegistryLogins.login(frontAddress(), USER, PASSWORD, dockerConfig);
        ImageService images = ImageService.open(root.config());
        images.load(BusyboxImage.ociArchive());
        ImageReference target = ImageReference.parse(frontAddress() + "/tokens/busybox:v1");
        images.tag(BusyboxImage.NAME, target);
        images.push(target, dockerConfig, p -> { });
        // HEADs, POSTs, PUTs of two blobs and the manifest: one token, cached for its scope.
        assertEquals(1, TOKENS_BY_SCOPE.get("repository:tokens/busybox:pull,push").get(), TOKENS_BY_SCOPE.toString());

        ImageService empty = ImageService.open(new io.berth.runtime.RuntimeConfig(root.dir.resolve("other"),
                root.dir.resolve("other-run")));
        ImageInfo pulled = empty.pull(target, dockerConfig, p -> { });
        assertEquals(BusyboxImage.get().configDigest(), pulled.id().toString());
        assertEquals(1, TOKENS_BY_SCOPE.get("repository:tokens/busybox:pull").get(), TOKENS_BY_SCOPE.toString());
    }

    @Test
    void aTokenThatExpiresDuringAPushIsReplaced() {
        RegistryLogins.login(frontAddress(), USER, PASSWORD, dockerConfig);
        ImageService images = ImageService.open(root.config());
        images.load(BusyboxImage.ociArchive());
        ImageReference target = ImageReference.parse(frontAddress() + "/tokens/expiring:v1");
        images.tag(BusyboxImage.NAME, target);
        expireAfterOneRequest = true;
        images.push(target, dockerConfig, p -> { });
        assertEquals(2, TOKENS_BY_SCOPE.get("repository:tokens/expiring:pull,push").get(), TOKENS_BY_SCOPE.toString());
    }

    @Test
    void aWrongPasswordAtTheTokenServerIsUnauthorizedAndNothingIsWritten() {
        RuntimeOperationException e = assertThrows(RuntimeOperationException.class,
                () -> RegistryLogins.login(frontAddress(), USER, "wrong", dockerConfig));
        assertTrue(e.getMessage().contains("unauthorized"), e.getMessage());
        assertFalse(Files.exists(dockerConfig.resolve("config.json")));
    }

    @Test
    void anAnonymousPushGetsNoToken() {
        ImageService images = ImageService.open(root.config());
        images.load(BusyboxImage.ociArchive());
        ImageReference target = ImageReference.parse(frontAddress() + "/tokens/anonymous:v1");
        images.tag(BusyboxImage.NAME, target);
        RuntimeOperationException e = assertThrows(RuntimeOperationException.class,
                () -> images.push(target, dockerConfig, p -> { }));
        assertTrue(e.getMessage().contains("unauthorized"), e.getMessage());
    }

    private static void token(HttpExchange exchange) throws IOException {
        String expected = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            respond(exchange, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"incorrect username or password\"}]}");
            return;
        }
        String scope = "";
        String query = exchange.getRequestURI().getRawQuery();
        for (String pair : query == null ? new String[0] : query.split("&")) {
            if (pair.startsWith("scope=")) {
                scope = URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8);
            }
        }
        TOKENS_BY_SCOPE.computeIfAbsent(scope, s -> new AtomicInteger()).incrementAndGet();
        respond(exchange, 200, "{\"token\":\"tok:" + TOKENS_ISSUED.incrementAndGet() + "|" + scope + "\"}");
    }

    private static void proxy(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String granted = null;
        if (authorization != null && authorization.startsWith("Bearer tok:")) {
            String[] numberAndScope = authorization.substring(11).split("\\|", 2);
            granted = Integer.parseInt(numberAndScope[0]) >= validFrom ? numberAndScope[1] : null;
        }
        String repository = path.equals("/v2/") ? null
                : path.substring(4, path.indexOf(path.contains("/blobs/") ? "/blobs/" : "/manifests/"));
        String needed = repository == null ? null : "repository:" + repository
                + (method.equals("GET") || method.equals("HEAD") ? ":pull" : ":pull,push");
        boolean allowed = granted != null && (needed == null || granted.equals(needed)
                || granted.equals(needed.replace(":pull", ":pull,push")));
        if (!allowed) {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"http://" + frontAddress()
                    + "/token\",service=\"berth-test\"" + (needed == null ? "" : ",scope=\"" + needed + "\""));
            respond(exchange, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}");
            return;
        }
        if (expireAfterOneRequest) {
            expireAfterOneRequest = false;
            validFrom = TOKENS_ISSUED.get() + 1;
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + registry.hostPort()
                + exchange.getRequestURI())).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        for (String header : new String[] {"Accept", "Content-Type"}) {
            String value = exchange.getRequestHeaders().getFirst(header);
            if (value != null) {
                request.header(header, value);
            }
        }
        try {
            HttpResponse<byte[]> response = HttpClient.newHttpClient().send(request.build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            for (String header : new String[] {"Content-Type", "Docker-Content-Digest", "Location"}) {
                response.headers().firstValue(header).ifPresent(value -> exchange.getResponseHeaders().add(header,
                        value.replace(registry.hostPort(), frontAddress())));
            }
            boolean empty = response.body().length == 0 || method.equals("HEAD");
            exchange.sendResponseHeaders(response.statusCode(), empty ? -1 : response.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                if (!empty) {
                    out.write(response.body());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            respond(exchange, 500, "interrupted");
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        try (InputStream ignored = exchange.getRequestBody()) {
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
