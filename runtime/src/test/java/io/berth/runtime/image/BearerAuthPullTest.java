package io.berth.runtime.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.berth.runtime.ImageInfo;
import io.berth.runtime.ImageReference;
import io.berth.runtime.ImageService;
import io.berth.runtime.RuntimeOperationException;
import io.berth.testfixtures.BusyboxImage;
import io.berth.testfixtures.LocalRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bearer-token flow of the registry API: an auth front on 127.0.0.1 answers 401 with a
 * WWW-Authenticate challenge, issues a token at its realm, and passes requests that carry it
 * on to the real registry. (docker-registry's own token auth needs a signing CA; the front
 * speaks the same protocol to the client.)
 */
class BearerAuthPullTest {
    /** This process's registry settings, as the tests ran before pulls took them explicitly. */
    private static final io.berth.runtime.RegistrySettings REGISTRIES =
            io.berth.runtime.RegistrySettings.fromEnvironment(System.getenv());
    private static final String TOKEN = "berth-test-token";
    private static LocalRegistry registry;
    private static HttpServer front;
    private static final AtomicInteger TOKENS_ISSUED = new AtomicInteger();
    private static final AtomicInteger UNAUTHORIZED = new AtomicInteger();
    private static volatile boolean refuseTokens;
    private TempStateRoot root;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(LocalRegistry.available(), "needs /usr/bin/docker-registry and skopeo");
        registry = LocalRegistry.start();
        registry.pushBusybox();
        front = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        front.createContext("/token", BearerAuthPullTest::token);
        front.createContext("/v2/", BearerAuthPullTest::proxy);
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
        refuseTokens = false;
    }

    @AfterEach
    void clean() throws IOException {
        root.close();
    }

    private static String frontAddress() {
        return "127.0.0.1:" + front.getAddress().getPort();
    }

    @Test
    void pullsWithATokenFromTheChallengesRealm() {
        ImageService images = ImageService.open(root.config());
        ImageInfo image = images.pull(ImageReference.parse(frontAddress() + "/busybox:test"), REGISTRIES, p -> { });
        assertEquals(BusyboxImage.get().configDigest(), image.id().toString());
        assertTrue(TOKENS_ISSUED.get() >= 1);
        assertTrue(UNAUTHORIZED.get() >= 1, "the first request was challenged");
    }

    @Test
    void aRefusedTokenSaysAccessDenied() {
        refuseTokens = true;
        ImageService images = ImageService.open(root.config());
        RuntimeOperationException e = assertThrows(RuntimeOperationException.class,
                () -> images.pull(ImageReference.parse(frontAddress() + "/busybox:test"), REGISTRIES, p -> { }));
        assertTrue(e.getMessage().contains("access denied"), e.getMessage());
    }

    private static void token(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        boolean expected = query != null && query.contains("service=berth-test")
                && query.contains("scope=repository%3Abusybox%3Apull");
        if (refuseTokens || !expected) {
            respond(exchange, 403, "{\"errors\":[{\"code\":\"DENIED\",\"message\":\"no\"}]}", null);
            return;
        }
        TOKENS_ISSUED.incrementAndGet();
        respond(exchange, 200, "{\"token\":\"" + TOKEN + "\"}", "application/json");
    }

    private static void proxy(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (!("Bearer " + TOKEN).equals(authorization)) {
            UNAUTHORIZED.incrementAndGet();
            exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"http://" + frontAddress()
                    + "/token\",service=\"berth-test\",scope=\"repository:busybox:pull\"");
            respond(exchange, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"token needed\"}]}",
                    "application/json");
            return;
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://" + registry.hostPort() + exchange.getRequestURI())).GET();
        String accept = exchange.getRequestHeaders().getFirst("Accept");
        if (accept != null) {
            request.header("Accept", accept);
        }
        try {
            HttpResponse<byte[]> response = HttpClient.newHttpClient().send(request.build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            response.headers().firstValue("Content-Type")
                    .ifPresent(type -> exchange.getResponseHeaders().add("Content-Type", type));
            exchange.sendResponseHeaders(response.statusCode(), response.body().length == 0 ? -1 : response.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            respond(exchange, 500, "interrupted", null);
        }
    }

    private static void respond(HttpExchange exchange, int status, String body, String type) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (type != null) {
            exchange.getResponseHeaders().add("Content-Type", type);
        }
        try (InputStream ignored = exchange.getRequestBody()) {
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
