package io.berth.runtime.network;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.berth.runtime.ContainerId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** What the network tests share: a root check, commands, a test state root and its cleanup. */
final class NetTestSupport implements AutoCloseable {
    /** A pool of small subnets for tests, away from Docker's default ranges. */
    static final SubnetPool TEST_POOL = SubnetPool.parse("10.231.0.0/16:24");

    final Path stateRoot;
    final NetworkManager manager;
    private final List<ContainerId> containers = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();
    private final List<String> extraNetns = new ArrayList<>();
    private final List<String> extraLinks = new ArrayList<>();

    NetTestSupport() throws IOException {
        assumeRoot();
        stateRoot = Files.createTempDirectory(Path.of("/tmp"), "berth-test-net-");
        manager = new NetworkManager(stateRoot, TEST_POOL);
    }

    static void assumeRoot() {
        assumeTrue("root".equals(System.getProperty("user.name")),
                "needs root: creates bridges, veths, network namespaces and iptables rules");
        assumeTrue(Files.isExecutable(Path.of("/bin/busybox")), "needs /bin/busybox (busybox-static)");
    }

    ContainerId newContainer() {
        ContainerId id = ContainerId.random();
        containers.add(id);
        return id;
    }

    String netns(ContainerId id) {
        return ContainerAttachments.netnsName(id);
    }

    /** Runs a command to its end. */
    static HostCommand.Result run(String... argv) {
        return HostCommand.runForResult("test", List.of(argv), null);
    }

    /** Runs a command in a container's netns. */
    HostCommand.Result inNetns(ContainerId id, String... argv) {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", netns(id)));
        command.addAll(List.of(argv));
        return HostCommand.runForResult("test", command, null);
    }

    /**
     * Waits until a socket of {@code protocol} ("tcp" or "udp") is bound to {@code port} in the named
     * network namespace (its /proc/net tables, IPv4 and IPv6): a server started in the background
     * needs a moment, longer on a loaded machine, and a fixed pause before the first request was a flake.
     */
    static void awaitBound(String netnsName, String protocol, int port) throws InterruptedException {
        String local = String.format(":%04X", port);
        String state = "tcp".equals(protocol) ? "0A" : "07"; // TCP_LISTEN, or a bound UDP socket
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            HostCommand.Result tables = HostCommand.runForResult("test", List.of("ip", "netns", "exec", netnsName,
                    "cat", "/proc/net/" + protocol, "/proc/net/" + protocol + "6"), null);
            for (String line : tables.stdout().split("\n")) {
                String[] columns = line.trim().split("\\s+");
                if (columns.length > 3 && columns[1].endsWith(local) && columns[3].equals(state)) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("nothing bound to " + protocol + " port " + port + " in netns " + netnsName + " within 60 s");
    }

    /** Starts a long-running process the cleanup kills. */
    Process start(String... argv) throws IOException {
        Process process = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        processes.add(process);
        return process;
    }

    void trackNetns(String name) {
        extraNetns.add(name);
    }

    void trackLink(String name) {
        extraLinks.add(name);
    }

    @Override
    public void close() throws IOException {
        for (Process process : processes) {
            process.destroyForcibly();
        }
        for (ContainerId id : containers) {
            try {
                PortPublisher.unpublish(id);
            } catch (RuntimeException ignored) {
                // best effort: go on cleaning the rest
            }
            try {
                manager.detach(id);
                manager.release(id);
            } catch (RuntimeException ignored) {
                // best effort
            }
        }
        for (NetworkRecord network : manager.store().list()) {
            try {
                manager.remove(network.name(), true);
            } catch (RuntimeException ignored) {
                NetworkFirewall.remove(network);
                BridgeLinks.delete(network.bridge());
            }
        }
        extraLinks.forEach(BridgeLinks::delete);
        extraNetns.forEach(name -> run("ip", "netns", "delete", name));
        try (Stream<Path> files = Files.walk(stateRoot)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
