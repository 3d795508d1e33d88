package io.berth.cli.e2e;

import static io.berth.cli.e2e.NetworkProbes.hostInterfaces;
import static io.berth.cli.e2e.NetworkProbes.httpGet;
import static io.berth.cli.e2e.NetworkProbes.interfacesIn;
import static io.berth.cli.e2e.NetworkProbes.tcpPortIsFree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.runtime.ContainerInfo;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Issue #5's network bullets through the CLI on the real runtime: published-port conflicts found
 * before anything exists, ports held while a container runs, network_mode host/none/service:/
 * container:. Host ports 23100-23199 (the net engineer's range); traffic only to 127.0.0.1 and to
 * the containers and networks these tests make.
 */
class NetworkComposeTest extends RealRuntimeTest {
    private static List<ContainerInfo> containersOf(String project) {
        return fixture.runtime.listContainers(Map.of("com.docker.compose.project", project));
    }

    @Test
    void twoServicesOnOnePortFailBeforeAnythingIsCreated() throws Exception {
        Path project = fixture.project("netclash", """
                services:
                  api:
                    image: busybox:local
                    command: ["sleep", "1000"]
                    ports: ["23101:80"]
                  web:
                    image: busybox:local
                    command: ["sleep", "1000"]
                    ports: ["127.0.0.1:23101:8080"]
                """);
        BerthRun up = fixture.berth(project, "up", "-d");
        assertNotEquals(0, up.exitCode(), up.toString());
        assertTrue(up.err().contains("service web: host port 127.0.0.1:23101/tcp is also claimed by service api"),
                up.toString());
        assertNothingCreated("netclash");
    }

    @Test
    void aPortHeldByAForeignProgramFailsBeforeAnythingIsCreated() throws Exception {
        Path project = fixture.project("netforeign", """
                services:
                  web:
                    image: busybox:local
                    command: ["sleep", "1000"]
                    ports: ["23102:80"]
                """);
        try (ServerSocket foreign = new ServerSocket()) {
            foreign.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 23102));
            BerthRun up = fixture.berth(project, "up", "-d");
            assertNotEquals(0, up.exitCode(), up.toString());
            assertTrue(up.err().contains("service web: host port 23102/tcp is already in use on this host"), up.toString());
        }
        assertNothingCreated("netforeign");
    }

    /** A refused up left no container and no network of the project. */
    private void assertNothingCreated(String project) {
        assertEquals(List.of(), containersOf(project));
        assertTrue(fixture.runtime.inspectNetwork(project + "_default").isEmpty(), "no network created");
    }

    @Test
    void publishedPortsAreHeldWhileRunningReTakenAfterASupervisorRestartAndReleasedByDown() throws Exception {
        Path project = fixture.project("netheld", """
                services:
                  web:
                    image: busybox:local
                    command: ["sh", "-c", "echo held > /www/index.html; exec httpd -f -p 80 -h /www"]
                    ports: ["23103:80", "127.0.0.1:23104:80"]
                """);
        fixture.berth(project, "up", "-d").ok();
        Awaitility.await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> httpGet("127.0.0.1", 23103).equals("held\n"));
        assertTrue(!tcpPortIsFree(23103) && !tcpPortIsFree(23104), "held while running");
        // An up that recreates the container may publish the same port again (the old one leaves first).
        fixture.berth(project, "up", "-d", "--force-recreate").ok();
        assertTrue(!tcpPortIsFree(23103), "held by the new container");

        long supervisor = Long.parseLong(java.nio.file.Files.readString(
                fixture.config.runRoot().resolve("supervisor.pid")).trim().split(" ")[0]);
        io.berth.runtime.linux.ProcessCalls.killIfAlive(supervisor, 9);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> !io.berth.runtime.linux.ProcStat.isAlive(supervisor));
        // the recreated container's httpd may still be starting: asked until it answers (no
        // supervisor runs meanwhile: an HTTP request starts none)
        Awaitility.await("the DNAT rule outlives the supervisor").atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> httpGet("127.0.0.1", 23103).equals("held\n"));
        // the next command starts a supervisor, whose recovery takes the sockets again
        assertTrue(fixture.berth(project, "ps").ok().out().contains("23103->80/tcp"));
        assertTrue(!tcpPortIsFree(23103) && !tcpPortIsFree(23104), "held again after the restart");

        fixture.berth(project, "down").ok();
        assertTrue(tcpPortIsFree(23103) && tcpPortIsFree(23104), "released by down");
    }

    @Test
    void hostModeSeesTheHostsInterfacesServesOnTheHostsLoopbackAndDiscardsPorts() throws Exception {
        Path project = fixture.project("nethost", """
                services:
                  web:
                    image: busybox:local
                    network_mode: host
                    ports: ["23105:80"]
                    command: ["sh", "-c", "echo from-host-mode > /www/index.html; exec httpd -f -p 127.0.0.1:23106 -h /www"]
                """);
        BerthRun up = fixture.berth(project, "up", "-d").ok();
        assertTrue(up.err().contains("warning: service web: published ports are discarded when using host network mode"),
                up.toString());
        Awaitility.await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> httpGet("127.0.0.1", 23106).equals("from-host-mode\n"));
        Set<String> inside = interfacesIn(fixture.berth(project, "exec", "-T", "web", "cat", "/proc/net/dev").ok().out());
        Set<String> host = hostInterfaces();
        // veths of other containers come and go on this shared host: the stable ones must match
        Set<String> stable = NetworkProbes.withoutTransient(host);
        assertTrue(inside.containsAll(stable) && stable.size() > 1, "inside " + inside + ", host " + host);
        String hostname = java.nio.file.Files.readString(Path.of("/proc/sys/kernel/hostname"));
        assertEquals(hostname, fixture.berth(project, "exec", "-T", "web", "cat", "/proc/sys/kernel/hostname").ok().out(),
                "Docker's default in host mode: the host's hostname");
        assertEquals(hostname, fixture.berth(project, "exec", "-T", "web", "cat", "/etc/hostname").ok().out());
        assertTrue(tcpPortIsFree(23105), "ports: are discarded in host mode");
        assertTrue(fixture.runtime.listContainers(Map.of("com.docker.compose.project", "nethost")).get(0).ports().isEmpty());
        fixture.berth(project, "down").ok();
    }

    @Test
    void noneHasLoopbackOnlyAndServiceAndContainerModesShareANamespace() throws Exception {
        Path project = fixture.project("netmodes", """
                services:
                  app:
                    image: busybox:local
                    command: ["sh", "-c", "echo app > /www/index.html; exec httpd -f -p 8080 -h /www"]
                  side:
                    image: busybox:local
                    network_mode: "service:app"
                    command: ["sleep", "1000"]
                  byname:
                    image: busybox:local
                    network_mode: "container:netmodes-app-1"
                    depends_on: [app]
                    command: ["sleep", "1000"]
                  iso:
                    image: busybox:local
                    network_mode: none
                    command: ["sleep", "1000"]
                """);
        fixture.berth(project, "up", "-d").ok();
        assertEquals(Set.of("lo"), interfacesIn(fixture.berth(project, "exec", "-T", "iso", "cat", "/proc/net/dev").ok().out()));
        Set<String> appInterfaces = interfacesIn(fixture.berth(project, "exec", "-T", "app", "cat", "/proc/net/dev").ok().out());
        assertEquals(Set.of("lo", "eth0"), appInterfaces);
        for (String sharing : List.of("side", "byname")) {
            assertEquals(appInterfaces, interfacesIn(fixture.berth(project, "exec", "-T", sharing, "cat", "/proc/net/dev")
                    .ok().out()), sharing);
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> fixture.berth(project, "exec", "-T", sharing,
                    "wget", "-q", "-O", "-", "http://127.0.0.1:8080/").out().equals("app\n"));
        }
        fixture.berth(project, "down").ok();
        assertEquals(List.of(), containersOf("netmodes"));
    }

    @Test
    void portSyntaxesRangesUdpAndChosenPortsShowInPsAndPortAndIpv4AddressIsKept() throws Exception {
        Path project = fixture.project("netsyntax", """
                services:
                  web:
                    image: busybox:local
                    command: ["sh", "-c", "echo syntax > /www/index.html; exec httpd -f -p 80 -h /www"]
                    ports:
                      - "127.0.0.1:23120:80"
                      - "23121-23122:80"
                      - "80"
                      - target: 80
                        published: "23123"
                        host_ip: 127.0.0.1
                        protocol: tcp
                      - "127.0.0.1:23124:53/udp"
                    networks:
                      default:
                        ipv4_address: 10.239.23.42
                networks:
                  default:
                    ipam:
                      config:
                        - subnet: 10.239.23.0/24
                """);
        try (ServerSocket firstOfRangeTaken = new ServerSocket()) {
            firstOfRangeTaken.bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 23121));
            fixture.berth(project, "up", "-d").ok();
        }
        String ports = fixture.berth(project, "port", "web", "80").ok().out();
        List<String> lines = ports.lines().toList();
        assertEquals(4, lines.size(), ports);
        assertTrue(lines.containsAll(List.of("127.0.0.1:23120", "0.0.0.0:23122", "127.0.0.1:23123")), ports);
        String chosen = lines.stream().filter(line -> !line.endsWith(":23120") && !line.endsWith(":23122")
                && !line.endsWith(":23123")).findFirst().orElseThrow();
        int chosenPort = Integer.parseInt(chosen.substring(chosen.indexOf(':') + 1));
        assertTrue(fixture.berth(project, "ps").ok().out().contains("0.0.0.0:" + chosenPort + "->80/tcp"));
        assertEquals("127.0.0.1:23124\n", fixture.berth(project, "port", "--protocol", "udp", "web", "53").ok().out());
        assertNotEquals(0, fixture.berth(project, "port", "web", "81").exitCode());
        for (int port : List.of(23120, 23122, 23123, chosenPort)) {
            Awaitility.await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> httpGet("127.0.0.1", port).equals("syntax\n"));
        }
        assertEquals("10.239.23.42", containersOf("netsyntax").get(0).addresses().get("netsyntax_default"));
        assertTrue(fixture.berth(project, "exec", "-T", "web", "busybox", "ip", "-4", "addr", "show", "eth0").ok().out()
                .contains("inet 10.239.23.42/24"));
        fixture.berth(project, "down").ok();
    }
}
