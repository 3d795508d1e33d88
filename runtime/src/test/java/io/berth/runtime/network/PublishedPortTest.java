package io.berth.runtime.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.runtime.NetworkAttachment;
import io.berth.runtime.NetworkInfo;
import io.berth.runtime.NetworkMode;
import io.berth.runtime.NetworkSpec;
import io.berth.runtime.PortBinding;
import io.berth.runtime.RuntimeOperationException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Published ports: DNAT from 127.0.0.1, host addresses and other containers; conflicts. */
@Tag("root")
class PublishedPortTest {
    private NetTestSupport net;

    @BeforeEach
    void setUp() throws Exception {
        net = new NetTestSupport();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (net != null) {
            net.close();
        }
    }

    private ContainerNetwork container(String name, String network) {
        return net.manager.attach(net.newContainer(), name, new NetworkMode.Bridge(),
                List.of(new NetworkAttachment(network, List.of(), null, null, null)));
    }

    private NetworkInfo network(String name) {
        return net.manager.create(new NetworkSpec(name, "bridge", Map.of(), null, null, null, false, Map.of()));
    }

    private Path serveHttp(ContainerNetwork container, String body) throws Exception {
        Path root = Files.createDirectories(net.stateRoot.resolve("www-" + container.containerId().shortId()));
        Files.writeString(root.resolve("index.html"), body);
        net.start("ip", "netns", "exec", net.netns(container.containerId()), "busybox", "httpd", "-f", "-p", "80",
                "-h", root.toString());
        NetTestSupport.awaitBound(net.netns(container.containerId()), "tcp", 80);
        return root;
    }

    static String httpGet(String address, int port, String path) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 3000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return response.substring(response.indexOf("\r\n\r\n") + 4);
        }
    }

    @Test
    void publishedTcpPortAnswersOnLoopbackOnTheHostAddressAndFromOtherNetworks() throws Exception {
        NetworkInfo front = network("berthtest_front");
        network("berthtest_other");
        ContainerNetwork web = container("berthtest-web-1", "berthtest_front");
        ContainerNetwork client = container("berthtest-client-1", "berthtest_other");
        serveHttp(web, "hello web\n");
        PortPublisher.checkAvailable("web", List.of(new PortBinding(80, "tcp", "", 0)));
        List<PortBinding> published = PortPublisher.publish("web", web,
                List.of(new PortBinding(80, "tcp", "", 0), new PortBinding(80, "tcp", "127.0.0.1", 0)));
        int anyAddressPort = published.get(0).hostPort();
        int loopbackPort = published.get(1).hostPort();
        assertNotEquals(0, anyAddressPort);
        assertEquals(published, PortPublisher.published(web.containerId()));

        assertEquals("hello web\n", httpGet("127.0.0.1", anyAddressPort, "/"));
        assertEquals("hello web\n", httpGet("127.0.0.1", loopbackPort, "/"));
        // A host address (the gateway of a network this test made) answers too.
        assertEquals("hello web\n", httpGet(front.gateway(), anyAddressPort, "/"));
        // Another container, on another network, through a host address.
        String other = net.manager.inspect("berthtest_other").orElseThrow().gateway();
        HostCommand.Result fromOther = net.inNetns(client.containerId(), "busybox", "timeout", "3", "busybox", "wget",
                "-q", "-O", "-", "http://" + other + ":" + anyAddressPort + "/");
        assertEquals("hello web", fromOther.stdout().strip(), fromOther.stderr());

        // A peer on the same network, and the container itself, through the gateway (hairpin NAT).
        ContainerNetwork peer = container("berthtest-peer-1", "berthtest_front");
        for (ContainerNetwork from : List.of(peer, web)) {
            HostCommand.Result hairpin = net.inNetns(from.containerId(), "busybox", "timeout", "3", "busybox", "wget",
                    "-q", "-O", "-", "http://" + front.gateway() + ":" + anyAddressPort + "/");
            assertEquals("hello web", hairpin.stdout().strip(), from.interfaces().get(0).address() + " " + hairpin);
        }

        PortPublisher.unpublish(web.containerId());
        assertTrue(PortPublisher.published(web.containerId()).isEmpty());
        assertTrue(!NetworkFirewall.save("nat").contains("berth:" + web.containerId().shortId()));
    }

    @Test
    void publishedUdpPortDeliversDatagrams() throws Exception {
        network("berthtest_udp");
        ContainerNetwork dns = container("berthtest-dns-1", "berthtest_udp");
        Path received = net.stateRoot.resolve("udp-received");
        // busybox nc has no UDP mode: a two-line python3 receiver stands for the service.
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "needs python3");
        net.start("ip", "netns", "exec", net.netns(dns.containerId()), "python3", "-c",
                "import socket\ns=socket.socket(socket.AF_INET,socket.SOCK_DGRAM)\ns.bind(('0.0.0.0',5353))\n"
                        + "d,a=s.recvfrom(100)\nopen('" + received + "','wb').write(d)\n");
        NetTestSupport.awaitBound(net.netns(dns.containerId()), "udp", 5353);
        int port = PortPublisher.publish("dns", dns, List.of(new PortBinding(5353, "udp", "127.0.0.1", 0))).get(0).hostPort();
        byte[] payload = "ping-over-udp\n".getBytes(StandardCharsets.US_ASCII);
        try (DatagramSocket socket = new DatagramSocket()) {
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
            while ((!Files.exists(received) || Files.size(received) == 0) && System.nanoTime() < deadline) {
                socket.send(new DatagramPacket(payload, payload.length, InetAddress.getByName("127.0.0.1"), port));
                Thread.sleep(100);
            }
        }
        assertTrue(Files.readString(received).contains("ping-over-udp"), "no datagram arrived");
    }

    @Test
    void conflictsAreFoundBeforeAnythingIsCreatedAndNameServiceAndPort() throws Exception {
        network("berthtest_ports");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            RuntimeOperationException error = assertThrows(RuntimeOperationException.class, () ->
                    PortPublisher.checkAvailable("web", List.of(new PortBinding(80, "tcp", "", port))));
            assertEquals(RuntimeOperationException.Kind.CONFLICT, error.kind());
            assertTrue(error.getMessage().contains("service web") && error.getMessage().contains(port + "/tcp"),
                    error.getMessage());
        }
        ContainerNetwork first = container("berthtest-web-1", "berthtest_ports");
        int port = PortPublisher.publish("web", first, List.of(new PortBinding(80, "tcp", "", 0))).get(0).hostPort();
        RuntimeOperationException byBerth = assertThrows(RuntimeOperationException.class, () ->
                PortPublisher.checkAvailable("api", List.of(new PortBinding(8080, "tcp", "127.0.0.1", port))));
        assertTrue(byBerth.getMessage().contains("service api") && byBerth.getMessage().contains("Berth container"),
                byBerth.getMessage());
        // Same number over UDP is no conflict; the same port twice in one request is.
        PortPublisher.checkAvailable("api", List.of(new PortBinding(8080, "udp", "", port)));
        assertThrows(RuntimeOperationException.class, () -> PortPublisher.checkAvailable("api",
                List.of(new PortBinding(1, "tcp", "", 40999), new PortBinding(2, "tcp", "127.0.0.1", 40999))));
    }

    @Test
    void aPublishedPortIsHeldAgainstOtherProgramsUntilUnpublishedAndRetakenAfterARestart() throws Exception {
        network("berthtest_held");
        ContainerNetwork web = container("berthtest-web-1", "berthtest_held");
        serveHttp(web, "held\n");
        List<PortBinding> published = PortPublisher.publish("web", web,
                List.of(new PortBinding(80, "tcp", "", 0), new PortBinding(53, "udp", "127.0.0.1", 0)));
        int tcp = published.get(0).hostPort();
        int udp = published.get(1).hostPort();
        assertEquals(2, PortPublisher.heldSockets(web.containerId()));
        // another program (SO_REUSEADDR, as servers set it) cannot take the ports, on any address
        assertTrue(cannotBindTcp("127.0.0.1", tcp) && cannotBindTcp("0.0.0.0", tcp), "tcp " + tcp + " is held");
        assertTrue(cannotBindUdp("127.0.0.1", udp), "udp " + udp + " is held");
        // and the traffic still goes to the container, not to the held socket
        assertEquals("held\n", httpGet("127.0.0.1", tcp, "/"));

        // a supervisor that died took its sockets along; the next one takes them again, and says
        // which one another program took in between
        HeldPorts.release(web.containerId());
        try (ServerSocket thief = new ServerSocket()) {
            thief.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), tcp));
            List<String> lost = PortPublisher.retake(web.containerId());
            assertEquals(1, lost.size(), lost.toString());
            assertTrue(lost.get(0).startsWith(tcp + "/tcp: "), lost.toString());
        }
        assertEquals(Map.of(), PortPublisher.retakeAll(List.of(web.containerId())));
        assertEquals(2, PortPublisher.heldSockets(web.containerId()));
        assertTrue(cannotBindTcp("127.0.0.1", tcp));

        PortPublisher.unpublish(web.containerId());
        assertEquals(0, PortPublisher.heldSockets(web.containerId()));
        assertTrue(!cannotBindTcp("127.0.0.1", tcp) && !cannotBindUdp("127.0.0.1", udp), "released after unpublish");
    }

    private static boolean cannotBindTcp(String address, int port) throws Exception {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(address), port));
            return false;
        } catch (java.net.BindException expected) {
            return true;
        }
    }

    private static boolean cannotBindUdp(String address, int port) throws Exception {
        try (DatagramSocket socket = new DatagramSocket(null)) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(address), port));
            return false;
        } catch (java.net.BindException expected) {
            return true;
        }
    }

    @Test
    void aHostPortRangePublishesItsFirstFreePort() throws Exception {
        network("berthtest_range");
        ContainerNetwork web = container("berthtest-web-1", "berthtest_range");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int first = taken.getLocalPort();
            assertTrue(first < 65535);
            PortBinding range = new PortBinding(80, "tcp", "127.0.0.1", first, first + 1);
            PortPublisher.checkAvailable("web", List.of(range));
            assertEquals(first + 1, PortPublisher.publish("web", web, List.of(range)).get(0).hostPort());
            RuntimeOperationException full = assertThrows(RuntimeOperationException.class,
                    () -> PortPublisher.checkAvailable("api", List.of(range)));
            assertTrue(full.getMessage().contains("no port of the range is free"), full.getMessage());
        }
    }

    /** Figures for docs/benchmarks.md: throughput and connection latency through a published port. */
    @Test
    void measurePublishedPortThroughputAndLatency() throws Exception {
        network("berthtest_bench");
        ContainerNetwork web = container("berthtest-bench-1", "berthtest_bench");
        Path root = serveHttp(web, "ok\n");
        int megabytes = 64;
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(root.resolve("blob"))) {
            for (int i = 0; i < megabytes; i++) {
                out.write(block);
            }
        }
        int port = PortPublisher.publish("bench", web, List.of(new PortBinding(80, "tcp", "127.0.0.1", 0))).get(0).hostPort();
        httpGet("127.0.0.1", port, "/");
        double best = 0;
        for (int round = 0; round < 3; round++) {
            long start = System.nanoTime();
            long bytes = download("127.0.0.1", port, "/blob");
            double seconds = (System.nanoTime() - start) / 1e9;
            assertTrue(bytes >= (long) megabytes << 20);
            best = Math.max(best, bytes / seconds / (1 << 20));
        }
        double direct = 0;
        for (int round = 0; round < 3; round++) {
            long start = System.nanoTime();
            long bytes = download(web.primaryAddress(), 80, "/blob");
            direct = Math.max(direct, bytes / ((System.nanoTime() - start) / 1e9) / (1 << 20));
        }
        int connections = 200;
        long start = System.nanoTime();
        for (int i = 0; i < connections; i++) {
            httpGet("127.0.0.1", port, "/");
        }
        double perRequestMs = (System.nanoTime() - start) / 1e6 / connections;
        System.out.printf("BENCH published-port 127.0.0.1 -> netns (iptables DNAT): throughput %.0f MB/s"
                + " (best of 3 x %d MB; %.0f MB/s straight to the container's address), HTTP/1.0 request"
                + " incl. connect %.3f ms (mean of %d, busybox httpd forks per request)%n",
                best, megabytes, direct, perRequestMs, connections);
    }

    private static long download(String address, int port, String path) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 3000);
            socket.setSoTimeout(10000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[1 << 16];
            long total = 0;
            for (int read; (read = in.read(buffer)) > 0; ) {
                total += read;
            }
            return total;
        }
    }
}
