package io.berth.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.runtime.NetworkSpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Issue #5's network bullets that need more than one network or project, through the CLI on the
 * real runtime: name files (domainname, dns, dns_search, dns_opt, extra_hosts), an internal
 * network with no way out, external networks shared by two projects and never removed, and a
 * published port reached from another project's container through a host address (the gateway
 * of a network this test made: an address of this host, never an outside one). Host ports
 * 23110-23119. (busybox wget's own -T segfaults in these containers: timeouts come from busybox timeout.)
 */
class NetworkTopologyComposeTest extends RealRuntimeTest {
    private static String gateway(String network) {
        return fixture.runtime.inspectNetwork(network).orElseThrow().gateway();
    }

    @Test
    void domainnameDnsOptionsAndExtraHostsReachTheContainersFiles() throws Exception {
        Path project = fixture.project("netnames", """
                services:
                  app:
                    image: busybox:local
                    hostname: box
                    domainname: example.test
                    dns: [192.0.2.53]
                    dns_search: [corp.test]
                    dns_opt: ["ndots:2", "timeout:1"]
                    extra_hosts: ["db.example:192.0.2.10", "gw:host-gateway"]
                    command: ["sleep", "1000"]
                """);
        fixture.berth(project, "up", "-d").ok();
        assertEquals("search corp.test\nnameserver 192.0.2.53\noptions ndots:2 timeout:1\n",
                execOut(project, "app", "cat", "/etc/resolv.conf"));
        assertEquals("example.test\n", execOut(project, "app", "cat", "/proc/sys/kernel/domainname"));
        assertEquals("box\n", execOut(project, "app", "cat", "/proc/sys/kernel/hostname"));
        String hosts = execOut(project, "app", "cat", "/etc/hosts");
        assertTrue(hosts.contains("192.0.2.10\tdb.example\n"), hosts);
        assertTrue(hosts.contains(gateway("netnames_default") + "\tgw\n"), hosts);
        assertTrue(hosts.contains("box.example.test box"), hosts);
        fixture.berth(project, "down").ok();
    }

    @Test
    void anInternalNetworkHasNoWayOutWhileAnOrdinaryOneReachesTheHost() throws Exception {
        Path project = fixture.project("netinternal", """
                services:
                  out:
                    image: busybox:local
                    command: ["sleep", "1000"]
                    networks: [front]
                  in:
                    image: busybox:local
                    command: ["sleep", "1000"]
                    networks: [back]
                networks:
                  front: {}
                  back:
                    internal: true
                """);
        fixture.berth(project, "up", "-d").ok();
        String hostAddress = gateway("netinternal_front");
        try (HostServer server = new HostServer(23110)) {
            String url = "http://" + hostAddress + ":23110/";
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> fixture.berth(project, "exec", "-T", "out",
                    "busybox", "timeout", "3", "wget", "-q", "-O", "-", url).out().equals("from the host\n"));
            int servedBefore = server.served();
            BerthRun blocked = fixture.berth(project, "exec", "-T", "in", "busybox", "timeout", "3", "wget", "-q", "-O", "-", url);
            assertNotEquals(0, blocked.exitCode(), blocked.toString());
            assertEquals(servedBefore, server.served(), "nothing from the internal network got through");
        }
        assertFalse(execOut(project, "in", "busybox", "ip", "route").contains("default"), "no default route");
        assertTrue(execOut(project, "out", "busybox", "ip", "route").contains("default via " + hostAddress));
        fixture.berth(project, "down").ok();
    }

    @Test
    void anExternalNetworkIsSharedByTwoProjectsAndNeverRemoved() throws Exception {
        fixture.runtime.createNetwork(new NetworkSpec("berthe2e-shared", "bridge", Map.of(), null, null, null, false, Map.of()));
        String external = """
                networks:
                  shared:
                    external: true
                    name: berthe2e-shared
                """;
        Path one = fixture.project("netone", """
                services:
                  s1:
                    image: busybox:local
                    command: ["sh", "-c", "echo one > /www/index.html; exec httpd -f -p 80 -h /www"]
                    networks: [shared]
                """ + external);
        Path two = fixture.project("nettwo", """
                services:
                  s2:
                    image: busybox:local
                    command: ["sleep", "1000"]
                    networks: [shared]
                """ + external);
        try {
            fixture.berth(one, "up", "-d").ok();
            fixture.berth(two, "up", "-d").ok();
            for (String name : List.of("s1", "netone-s1-1")) {
                Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> fixture.berth(two, "exec", "-T", "s2",
                        "busybox", "timeout", "3", "wget", "-q", "-O", "-", "http://" + name + "/").out().equals("one\n"));
            }
            fixture.berth(one, "down", "-v").ok();
            assertTrue(fixture.runtime.inspectNetwork("berthe2e-shared").isPresent(), "down of one project keeps it");
            fixture.berth(two, "down", "-v").ok();
            assertTrue(fixture.runtime.inspectNetwork("berthe2e-shared").isPresent(), "external: never removed");
        } finally {
            fixture.berth(one, "down").ok();
            fixture.berth(two, "down").ok();
            fixture.runtime.removeNetwork("berthe2e-shared");
        }
    }

    @Test
    void aPublishedPortAnswersAContainerOfAnotherProjectThroughAHostAddress() throws Exception {
        Path server = fixture.project("netpub", """
                services:
                  web:
                    image: busybox:local
                    command: ["sh", "-c", "echo published > /www/index.html; exec httpd -f -p 80 -h /www"]
                    ports: ["23111:80"]
                """);
        Path client = fixture.project("netcli", """
                services:
                  client:
                    image: busybox:local
                    command: ["sleep", "1000"]
                """);
        fixture.berth(server, "up", "-d").ok();
        fixture.berth(client, "up", "-d").ok();
        // the client's own gateway is an address of this host; the DNAT rule takes it from there
        String url = "http://" + gateway("netcli_default") + ":23111/";
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> fixture.berth(client, "exec", "-T", "client",
                "busybox", "timeout", "3", "wget", "-q", "-O", "-", url).out().equals("published\n"));
        // not straight to the server's address: networks are isolated from each other
        String webAddress = fixture.runtime.listContainers(Map.of("com.docker.compose.project", "netpub")).get(0)
                .addresses().get("netpub_default");
        assertNotEquals(0, fixture.berth(client, "exec", "-T", "client", "busybox", "timeout", "2", "wget", "-q", "-O", "-",
                "http://" + webAddress + "/").exitCode());
        fixture.berth(client, "down").ok();
        fixture.berth(server, "down").ok();
    }

    /** A one-line HTTP server on every host address, counting what it served. */
    private static final class HostServer implements AutoCloseable {
        private final ServerSocket socket;
        private final Thread thread;
        private volatile int served;

        HostServer(int port) throws IOException {
            socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), port));
            thread = new Thread(this::serve, "berth-test-host-server");
            thread.setDaemon(true);
            thread.start();
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (Socket client = socket.accept()) {
                    client.setSoTimeout(3000);
                    client.getInputStream().read(new byte[1024]);
                    client.getOutputStream().write("HTTP/1.0 200 OK\r\nContent-Length: 14\r\n\r\nfrom the host\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    served++;
                } catch (IOException closedOrBroken) {
                    // closed by close(), or a client that went away
                }
            }
        }

        int served() {
            return served;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
