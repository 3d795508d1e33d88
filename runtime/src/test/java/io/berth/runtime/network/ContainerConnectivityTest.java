package io.berth.runtime.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.runtime.ContainerId;
import io.berth.runtime.NetworkAttachment;
import io.berth.runtime.NetworkInfo;
import io.berth.runtime.NetworkMode;
import io.berth.runtime.NetworkSpec;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Containers (here: their network namespaces) reaching each other, the host and the outside. */
@Tag("root")
class ContainerConnectivityTest {
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

    private NetworkInfo network(String name, boolean internal) {
        return net.manager.create(new NetworkSpec(name, "bridge", Map.of(), null, null, null, internal, Map.of()));
    }

    private ContainerNetwork container(String name, String... networks) {
        List<NetworkAttachment> attachments = java.util.Arrays.stream(networks)
                .map(network -> new NetworkAttachment(network, List.of(), null, null, null)).toList();
        return net.manager.attach(net.newContainer(), name, new NetworkMode.Bridge(), attachments);
    }

    /** busybox httpd answering "hello from NAME" on port 80 inside the container's netns. */
    private void serveHttp(ContainerNetwork container, String name) throws Exception {
        Path root = Files.createDirectories(net.stateRoot.resolve("www-" + name));
        Files.writeString(root.resolve("index.html"), "hello from " + name + "\n");
        net.start("ip", "netns", "exec", net.netns(container.containerId()), "busybox", "httpd", "-f", "-p", "80",
                "-h", root.toString());
        NetTestSupport.awaitBound(net.netns(container.containerId()), "tcp", 80);
    }

    private String fetch(ContainerNetwork from, String address, int port) {
        HostCommand.Result result = net.inNetns(from.containerId(), "busybox", "timeout", "3", "busybox", "wget",
                "-q", "-O", "-", "http://" + address + ":" + port + "/");
        return result.ok() ? result.stdout().strip() : "FAILED: " + result.stderr().strip();
    }

    @Test
    void interfacesComeInAttachmentOrderWithLoopbackUpAndDefaultRouteOnTheFirst() {
        NetworkInfo front = network("berthtest_front", false);
        NetworkInfo back = network("berthtest_back", false);
        ContainerNetwork web = container("berthtest-web-1", "berthtest_front", "berthtest_back");
        assertEquals(List.of("eth0", "eth1"), web.interfaces().stream().map(ContainerNetwork.Interface::name).toList());
        String links = net.inNetns(web.containerId(), "ip", "-o", "addr").stdout();
        assertTrue(links.contains("lo    inet 127.0.0.1/8") || links.contains("lo inet 127.0.0.1"), links);
        assertTrue(links.contains("eth0    inet " + web.interfaces().get(0).address()), links);
        assertTrue(links.contains("eth1    inet " + web.interfaces().get(1).address()), links);
        assertTrue(Ipv4Subnet.parse(front.subnet()).contains(Ipv4Address.parse(web.interfaces().get(0).address())));
        assertTrue(Ipv4Subnet.parse(back.subnet()).contains(Ipv4Address.parse(web.interfaces().get(1).address())));
        String routes = net.inNetns(web.containerId(), "ip", "route").stdout();
        assertTrue(routes.contains("default via " + front.gateway() + " dev eth0"), routes);
        assertTrue(net.inNetns(web.containerId(), "ip", "link", "show", "lo").stdout().contains("UP"));
        assertEquals(NetworkManager.netnsPath(web.containerId()), web.netnsPath());
    }

    @Test
    void containersOnOneNetworkReachEachOther() throws Exception {
        network("berthtest_default", false);
        ContainerNetwork web = container("berthtest-web-1", "berthtest_default");
        ContainerNetwork client = container("berthtest-client-1", "berthtest_default");
        serveHttp(web, "web");
        assertEquals("hello from web", fetch(client, web.primaryAddress(), 80));
    }

    @Test
    void networksAreIsolatedFromEachOther() throws Exception {
        network("berthtest_front", false);
        network("berthtest_back", false);
        ContainerNetwork db = container("berthtest-db-1", "berthtest_back");
        ContainerNetwork front = container("berthtest-proxy-1", "berthtest_front");
        ContainerNetwork both = container("berthtest-web-1", "berthtest_front", "berthtest_back");
        serveHttp(db, "db");
        assertEquals("hello from db", fetch(both, db.primaryAddress(), 80));
        assertTrue(fetch(front, db.primaryAddress(), 80).startsWith("FAILED"), "front-only container reached db");
    }

    @Test
    void containersReachAServerOnTheHostThroughTheGateway() throws Exception {
        NetworkInfo info = network("berthtest_default", false);
        ContainerNetwork client = container("berthtest-client-1", "berthtest_default");
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(InetAddress.getByName(info.gateway()), 0));
            Thread acceptor = new Thread(() -> {
                try (Socket socket = server.accept(); OutputStream out = socket.getOutputStream()) {
                    out.write("HTTP/1.0 200 OK\r\nContent-Length: 8\r\n\r\nfrom-host".substring(0, 46).getBytes(StandardCharsets.US_ASCII));
                } catch (Exception ignored) {
                    // the assertion below reports it
                }
            });
            acceptor.start();
            assertEquals("from-hos", fetch(client, info.gateway(), server.getLocalPort()));
            acceptor.join(5000);
        }
    }

    @Test
    void nonInternalNetworksAreMasqueradedOutAndInternalOnesHaveNoWayOut() throws Exception {
        FakeOutside outside = FakeOutside.create(net);
        network("berthtest_open", false);
        network("berthtest_closed", true);
        ContainerNetwork open = container("berthtest-open-1", "berthtest_open");
        ContainerNetwork closed = container("berthtest-closed-1", "berthtest_closed");
        assertEquals("hello from outside", fetch(open, outside.serverAddress(), 80));

        assertNull(closed.interfaces().get(0).gateway());
        assertFalse(net.inNetns(closed.containerId(), "ip", "route").stdout().contains("default"));
        assertTrue(fetch(closed, outside.serverAddress(), 80).startsWith("FAILED"));
        // Even with a route added by hand inside, the host forwards nothing out of an internal network.
        HostCommand.run("test", List.of("ip", "-n", net.netns(closed.containerId()), "route", "add", "default",
                "via", net.manager.inspect("berthtest_closed").orElseThrow().gateway()), null);
        assertTrue(fetch(closed, outside.serverAddress(), 80).startsWith("FAILED"));
    }

    @Test
    void detachRemovesNetnsAndVethsAndTheAddressIsKeptUntilRelease() {
        network("berthtest_default", false);
        ContainerNetwork first = container("berthtest-web-1", "berthtest_default");
        ContainerId id = first.containerId();
        String hostVeth = first.interfaces().get(0).hostInterface();
        assertTrue(BridgeLinks.exists(hostVeth));
        net.manager.detach(id);
        assertFalse(BridgeLinks.exists(hostVeth));
        assertFalse(Files.exists(first.netnsPath()));

        NetworkManager restarted = new NetworkManager(net.stateRoot, NetTestSupport.TEST_POOL);
        ContainerNetwork again = restarted.attach(id, "berthtest-web-1", new NetworkMode.Bridge(),
                List.of(new NetworkAttachment("berthtest_default", List.of(), null, null, null)));
        assertEquals(first.primaryAddress(), again.primaryAddress());
        restarted.detach(id);
        restarted.release(id);
        ContainerNetwork other = container("berthtest-web-2", "berthtest_default");
        assertEquals(first.primaryAddress(), other.primaryAddress(), "a released address is reused");
        assertNotEquals(id, other.containerId());
    }

    @Test
    void aProcessInANewNamespaceIsConnectedWhileItRunsAndDetachedLikeAnyOther() throws Exception {
        network("berthtest_default", false);
        ContainerNetwork first = container("berthtest-web-1", "berthtest_default");
        ContainerId id = net.newContainer();
        ContainerNetwork prepared = net.manager.prepare(id, "berthtest-web-2", new NetworkMode.Bridge(),
                List.of(new NetworkAttachment("berthtest_default", List.of(), null, null, null)));
        assertFalse(Files.exists(prepared.netnsPath()), "prepare makes nothing yet");
        // the container's first process, as the launcher starts it: in a network namespace of its own
        Process process = net.start("unshare", "--net", "busybox", "sleep", "60");
        Thread.sleep(100);
        net.manager.connect(prepared, process.pid());
        assertTrue(Files.exists(prepared.netnsPath()));
        assertEquals(Files.readSymbolicLink(Path.of("/proc", Long.toString(process.pid()), "ns", "net")).toString(),
                net.inNetns(id, "readlink", "/proc/self/ns/net").stdout().strip(), "the name is the process's namespace");
        assertTrue(net.inNetns(id, "ip", "-o", "addr").stdout().contains(prepared.primaryAddress() + "/"));
        HostCommand.Result ping = net.inNetns(id, "busybox", "ping", "-c", "1", "-W", "2", first.primaryAddress());
        assertTrue(ping.ok(), "it reaches a peer on the bridge: " + ping.stdout() + ping.stderr());
        String hostVeth = prepared.interfaces().get(0).hostInterface();
        net.manager.detach(id);
        assertFalse(BridgeLinks.exists(hostVeth));
        assertFalse(Files.exists(prepared.netnsPath()));
    }

    @Test
    void sweepCleansUpAfterACrash() {
        network("berthtest_default", false);
        ContainerNetwork running = container("berthtest-web-1", "berthtest_default");
        ContainerNetwork stopped = container("berthtest-web-2", "berthtest_default");
        ContainerNetwork removed = container("berthtest-web-3", "berthtest_default");
        PortPublisher.publish("web", removed, List.of(new io.berth.runtime.PortBinding(80, "tcp", "127.0.0.1", 0)));
        net.manager.sweep(java.util.Set.of(running.containerId(), stopped.containerId()), java.util.Set.of(running.containerId()));
        assertTrue(Files.exists(running.netnsPath()));
        assertFalse(Files.exists(stopped.netnsPath()));
        assertFalse(Files.exists(removed.netnsPath()));
        assertTrue(PortPublisher.published(removed.containerId()).isEmpty());
        List<ContainerId> reserved = net.manager.inspect("berthtest_default").orElseThrow().containers();
        assertEquals(2, reserved.size());
        assertFalse(reserved.contains(removed.containerId()));
    }

    @Test
    void noneHasLoopbackOnlyAndHostUsesTheHostNamespace() {
        ContainerId none = net.newContainer();
        ContainerNetwork isolated = net.manager.attach(none, "berthtest-none-1", new NetworkMode.None(), List.of());
        String links = net.inNetns(none, "ip", "-o", "link").stdout();
        assertEquals(1, links.strip().lines().count(), links);
        assertTrue(links.contains("lo:") && links.contains("UP"), links);
        assertTrue(isolated.ownsNamespace());

        ContainerNetwork host = net.manager.attach(net.newContainer(), "berthtest-host-1", new NetworkMode.Host(), List.of());
        assertEquals(io.berth.runtime.container.LaunchRequest.HOST_NETNS, host.netnsPath());
        assertFalse(host.ownsNamespace());
    }

    /** A network namespace standing for "the outside world", behind a veth from the host. */
    record FakeOutside(String serverAddress) {
        static FakeOutside create(NetTestSupport net) throws Exception {
            String suffix = Long.toHexString(System.nanoTime() & 0xffffffL);
            String netns = "berth-out-" + suffix;
            String hostSide = "berth-o" + suffix; // not bt-: that is a Berth bridge to the firewall
            net.trackNetns(netns);
            net.trackLink(hostSide);
            HostCommand.run("test", List.of("ip", "netns", "add", netns), null);
            HostCommand.run("test", List.of("ip", "-batch", "-"),
                    "link add " + hostSide + " type veth peer name eth0 netns " + netns + "\n"
                            + "addr add 10.233.250.1/30 dev " + hostSide + "\n"
                            + "link set " + hostSide + " up\n");
            HostCommand.run("test", List.of("ip", "-n", netns, "-batch", "-"),
                    "link set lo up\naddr add 10.233.250.2/30 dev eth0\nlink set eth0 up\n");
            Path root = Files.createDirectories(net.stateRoot.resolve("www-outside"));
            Files.writeString(root.resolve("index.html"), "hello from outside\n");
            net.start("ip", "netns", "exec", netns, "busybox", "httpd", "-f", "-p", "80", "-h", root.toString());
            NetTestSupport.awaitBound(netns, "tcp", 80);
            return new FakeOutside("10.233.250.2");
        }
    }

    static String readAll(InputStream in) throws Exception {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    static void sleep(long millis) throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep(millis);
    }
}
