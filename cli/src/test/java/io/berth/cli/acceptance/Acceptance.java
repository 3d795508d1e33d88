package io.berth.cli.acceptance;

import io.berth.cli.e2e.E2eFixture;
import io.berth.testfixtures.BusyboxImage;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/** What the acceptance tests share: the ./berth launcher, a fixture on it, a free port, GET on 127.0.0.1. */
final class Acceptance {
    private Acceptance() {
    }

    /** The ./berth launcher of this checkout; the tests skip unless it is built (mvn -DskipTests package). */
    static Path launcher() {
        Path checkout = Path.of("").toAbsolutePath().getParent();
        Path launcher = checkout.resolve("berth");
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "containers need root");
        Assumptions.assumeTrue(Files.isExecutable(launcher) && Files.isRegularFile(checkout.resolve("cli/target/berth.jar")),
                "build ./berth first: mvn -q -o -DskipTests package");
        return launcher;
    }

    static E2eFixture fixture(String prefix, Map<String, String> env) throws IOException, InterruptedException {
        return E2eFixture.withLauncher(prefix, launcher(), BusyboxImage.rootfsTar(), env);
    }

    /**
     * A port the kernel picks as free. Not 18080 as in the benchmark: another state root's Berth may
     * have published that one (Berth then refuses it, though no socket listens on it here).
     */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static String resource(String name) throws IOException {
        try (InputStream in = Acceptance.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("test resource " + name + " missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** GET http://127.0.0.1:port/ (never any other address), no proxy. */
    static HttpResponse<String> getLocal(int port) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY)
                .connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .timeout(Duration.ofSeconds(3)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
