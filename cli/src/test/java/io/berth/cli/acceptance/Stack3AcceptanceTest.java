package io.berth.cli.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.cli.e2e.BerthRun;
import io.berth.cli.e2e.E2eFixture;
import io.berth.runtime.ContainerInfo;
import io.berth.runtime.NetworkInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 5's "Must show" on the benchmark's stack3 (a copy in the test resources, see its comments),
 * through the ./berth launcher on a state root of its own: names, isolation, the published port,
 * the named volume, /etc/hosts under scaling, and a quick, clean down.
 */
@Tag("root")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Stack3AcceptanceTest {
    /** How long a change may take to show on a loaded 2-core CI machine (each probe is a berth exec). */
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private int webPort;
    private E2eFixture fixture;
    private Path project;

    @BeforeAll
    void startSupervisor() throws Exception {
        Acceptance.launcher();
        webPort = Acceptance.freePort();
        fixture = Acceptance.fixture("berth-test-acceptance-", Map.of("WEB_PORT", String.valueOf(webPort)));
        project = fixture.project("stack3", Acceptance.resource("/acceptance/stack3/compose.yaml"));
    }

    @BeforeEach
    void up() throws Exception {
        berth("up", "-d").ok();
    }

    @AfterEach
    void downWithVolumes() throws Exception {
        berth("down", "-v");
    }

    @AfterAll
    void stopSupervisor() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    private BerthRun berth(String... args) throws Exception {
        return fixture.berth(project, args);
    }

    private String exec(String service, String command) throws Exception {
        return berth("exec", "-T", service, "sh", "-c", command).out();
    }

    @Test
    void fromClientWebAndTheLinkAliasDatabaseResolveAndAnswer() throws Exception {
        // up returns once web runs, which is a moment before its httpd listens
        Awaitility.await().atMost(PATIENCE).until(() -> "hello from berth busybox\n".equals(
                berth("exec", "-T", "client", "wget", "-q", "-O", "-", "http://web/").out()));
        Awaitility.await().atMost(PATIENCE).until(() -> exec("client", "nc -w 2 database 5432").equals("hi\n"));
    }

    @Test
    void dbIsNotReachableFromAContainerOnlyOnFront() throws Exception {
        String dbLine = Arrays.stream(exec("client", "cat /etc/hosts").split("\n"))
                .filter(line -> line.matches("\\S+\\s+db\\s.*")).findFirst().orElseThrow();
        String dbAddress = dbLine.split("\\s+")[0];
        Awaitility.await().atMost(PATIENCE).until(() -> exec("client", "nc -w 2 " + dbAddress + " 5432").equals("hi\n"));
        BerthRun byName = berth("exec", "-T", "outsider", "nc", "-w", "2", "db", "5432");
        assertTrue(byName.exitCode() != 0 && byName.err().contains("bad address"), "db must not resolve on front: " + byName);
        BerthRun byAddress = berth("exec", "-T", "outsider", "timeout", "5", "nc", "-w", "2", dbAddress, "5432");
        assertTrue(byAddress.exitCode() != 0 && !byAddress.out().contains("hi"), "db must not answer on front: " + byAddress);
    }

    @Test
    void theHostReachesWebOnLoopback() throws Exception {
        Awaitility.await().atMost(PATIENCE).ignoreExceptions()
                .until(() -> Acceptance.getLocal(webPort).statusCode() == 200); // httpd may still be starting
        var response = Acceptance.getLocal(webPort);
        assertEquals(200, response.statusCode());
        assertEquals("hello from berth busybox\n", response.body());
    }

    @Test
    void theRowSurvivesDownAndIsGoneAfterDownDashV() throws Exception {
        awaitRow("stored\n");
        berth("down").ok();
        berth("up", "-d").ok();
        awaitRow("stored\nstored\n");
        berth("down", "-v").ok();
        berth("up", "-d").ok();
        awaitRow("stored\n");
    }

    private void awaitRow(String expected) {
        Awaitility.await().atMost(PATIENCE).until(() -> exec("db", "cat /data/row").equals(expected));
    }

    @Test
    void webSeesEveryClientReplicaAfterScalingUpAndDown() throws Exception {
        berth("up", "-d", "--scale", "client=5").ok();
        Awaitility.await().atMost(PATIENCE).until(() -> clientsInHostsOfWeb().equals(replicas(5)));
        berth("up", "-d", "--scale", "client=2").ok();
        Awaitility.await().atMost(PATIENCE).until(() -> clientsInHostsOfWeb().equals(replicas(2)));
    }

    /** The container names on the lines of web's /etc/hosts that map the name client (one per address). */
    private Set<String> clientsInHostsOfWeb() throws Exception {
        return Arrays.stream(exec("web", "cat /etc/hosts").split("\n"))
                .map(line -> List.of(line.trim().split("\\s+")))
                .filter(words -> words.contains("client"))
                .map(words -> words.stream().filter(word -> word.startsWith("stack3-client-")).findFirst().orElse("?"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> replicas(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> "stack3-client-" + i).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void downIsQuickDespiteSleepIgnoringSigtermAndLeavesNothing() throws Exception {
        List<ContainerInfo> containers = fixture.runtime.listContainers(Map.of());
        List<NetworkInfo> networks = fixture.runtime.listNetworks(Map.of());
        assertEquals(4, containers.size(), containers.toString());
        assertEquals(2, networks.size(), networks.toString());
        long began = System.nanoTime();
        berth("down").ok();
        Duration took = Duration.ofNanos(System.nanoTime() - began);
        assertTrue(took.compareTo(Duration.ofSeconds(8)) < 0, "down took " + took + " (grace period 10 s)");
        assertEquals("", berth("ps", "-a", "-q").ok().out());
        assertEquals(List.of(), fixture.runtime.listContainers(Map.of()));
        assertEquals(List.of(), fixture.runtime.listNetworks(Map.of()));
        for (NetworkInfo network : networks) {
            assertFalse(Files.exists(Path.of("/sys/class/net", network.bridge())), "bridge " + network.bridge() + " left");
        }
        for (ContainerInfo container : containers) {
            Path netns = Path.of("/run/netns", "berth-" + container.id().shortId());
            assertFalse(Files.exists(netns), netns + " left");
        }
        assertFalse(Files.readString(Path.of("/proc/mounts")).contains(fixture.root.toString()),
                "mounts under " + fixture.root + " left");
        String rules = iptablesRules();
        for (NetworkInfo network : networks) {
            assertFalse(rules.contains(network.bridge().substring("bt-".length())), "iptables rules of " + network.name() + " left");
        }
        assertFalse(rules.contains("--dport " + webPort + " "), "the DNAT of port " + webPort + " left");
        for (ContainerInfo container : containers) {
            try (var cgroups = Files.find(Path.of("/sys/fs/cgroup"), 4,
                    (path, attributes) -> path.getFileName() != null && path.getFileName().toString().equals(container.id().value()))) {
                assertEquals(List.of(), cgroups.toList(), "cgroups of " + container.name() + " left");
            }
        }
    }

    private static String iptablesRules() throws Exception {
        StringBuilder all = new StringBuilder();
        for (String table : List.of("filter", "nat")) {
            Process save = new ProcessBuilder("iptables-save", "-t", table).redirectErrorStream(true).start();
            all.append(new String(save.getInputStream().readAllBytes()));
            assertEquals(0, save.waitFor(), "iptables-save -t " + table + ": " + all);
        }
        return all.toString();
    }
}
