package io.berth.runtime.build.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.berth.runtime.ImageReference;
import io.berth.runtime.build.BuildException;
import io.berth.runtime.build.BuildNetwork;
import io.berth.runtime.build.BuildRequest;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The default build network (a bridge of the builder's own with NAT, as docker build's) and host
 * network, reaching only a server this test started; and a stage failing beside a running one.
 * HTTP is sent by hand with nc: the image's static busybox wget looks up the "http" service
 * through NSS, which a static binary without the NSS libraries cannot do (it crashes).
 */
@Tag("root")
class BuildNetworkKernelTest {
    private static BuildFixture fixture;
    private HttpServer server;

    @BeforeAll
    static void setUp() throws Exception {
        fixture = new BuildFixture();
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (fixture != null) {
            fixture.builder.prune(); // the build bridge too
            fixture.close();
        }
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** A server answering "from the test host" on {@code address}, port chosen by the kernel. */
    private int serve(InetAddress address) throws Exception {
        server = HttpServer.create(new InetSocketAddress(address, 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "from the test host\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server.getAddress().getPort();
    }

    @Test
    void aRunOnTheDefaultNetworkReachesTheHostThroughItsBridgeAndHostNetworkReachesLoopback() throws Exception {
        // wildcard: the step reaches it at its bridge's gateway, the host's own address on the build bridge
        int bridgePort = serve(InetAddress.getByName("0.0.0.0"));
        Path context = fixture.context("net-default", Map.of("Dockerfile", """
                FROM busybox:test
                ARG PORT
                RUN gateway=$(route -n | awk '$1 == "0.0.0.0" {print $2}') && test -n "$gateway" \\
                    && printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w 10 "$gateway" "$PORT" | tail -n 1 > /got.txt
                CMD ["cat", "/got.txt"]
                """));
        ImageReference tag = ImageReference.parse("berth-test/net-default:1");
        fixture.build(BuildRequest.builder(context).tags(List.of(tag)).network(BuildNetwork.DEFAULT)
                .buildArgs(Map.of("PORT", Integer.toString(bridgePort))).build());
        assertEquals("from the test host\n", fixture.run(tag, null));
        server.stop(0);

        int loopbackPort = serve(InetAddress.getLoopbackAddress());
        Path host = fixture.context("net-host", Map.of("Dockerfile", """
                FROM busybox:test
                ARG PORT
                RUN --network=host printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w 10 127.0.0.1 "$PORT" | tail -n 1 > /got.txt
                CMD ["cat", "/got.txt"]
                """));
        ImageReference hostTag = ImageReference.parse("berth-test/net-host:1");
        fixture.build(BuildRequest.builder(host).tags(List.of(hostTag)).network(BuildNetwork.DEFAULT)
                .buildArgs(Map.of("PORT", Integer.toString(loopbackPort))).build());
        assertEquals("from the test host\n", fixture.run(hostTag, null));
        BuildLeaks.assertNothingLeft(fixture.config);
    }

    @Test
    void aStageFailingBesideARunningOneIsNamedAndNothingIsLeft() throws Exception {
        Path context = fixture.context("parallel-fail", Map.of("Dockerfile", """
                FROM busybox:test AS slow
                RUN sleep 2 && echo slow > /slow.txt

                FROM busybox:test AS broken
                RUN echo breaking; exit 4

                FROM busybox:test
                COPY --from=slow /slow.txt /
                COPY --from=broken /etc/hostname /
                """));
        ImageReference tag = ImageReference.parse("berth-test/parallel-fail:1");
        BuildException failure = assertThrows(BuildException.class, () -> fixture.build(BuildRequest.builder(context)
                .tags(List.of(tag)).network(BuildNetwork.NONE).build()));
        assertTrue(failure.runFailure().isPresent(), failure.getMessage());
        assertEquals("Dockerfile:5", failure.runFailure().get().location(), failure.getMessage());
        assertEquals(4, failure.runFailure().get().exitCode());
        assertTrue(failure.getMessage().contains("echo breaking; exit 4"), failure.getMessage());
        assertTrue(fixture.events.stream().noneMatch(event -> event.startsWith("ran COPY")), fixture.events.toString());
        assertTrue(io.berth.runtime.ImageService.open(fixture.config).resolve(tag).isEmpty(), "an image was made");
        BuildLeaks.assertNothingLeft(fixture.config);
    }
}
