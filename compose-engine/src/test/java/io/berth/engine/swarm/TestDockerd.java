package io.berth.engine.swarm;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.berth.testfixtures.BusyboxImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Docker Engine of the test's own, in swarm mode: Debian's dockerd with its data, exec root, socket
 * and containerd under a temporary folder, without iptables rules or a default bridge (the tests use
 * dnsrr endpoints and no ingress ports: this kernel has no IPVS), busybox imported as
 * {@code busybox:swarm}. Never a dockerd the user runs. Closing leaves the swarm, stops the daemon
 * (which stops its containerd) and removes what swarm mode made on the host: docker_gwbridge.
 */
final class TestDockerd implements AutoCloseable {
    static final String IMAGE = "busybox:swarm";
    private static final Path DOCKERD = Path.of("/usr/sbin/dockerd");
    private static final Path DOCKER = Path.of("/usr/bin/docker");
    private final Path root;
    private final Process daemon;

    private TestDockerd(Path root, Process daemon) {
        this.root = root;
        this.daemon = daemon;
    }

    Path socket() {
        return root.resolve("docker.sock");
    }

    EngineClient engine() {
        return new EngineClient(new DockerHost(socket(), null, 0, null), null);
    }

    /** Starts one, or skips the test saying why it cannot run here. */
    static TestDockerd start() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to run a Docker Engine");
        assumeTrue(Files.isExecutable(DOCKERD) && Files.isExecutable(DOCKER),
                "no dockerd: scripts/setup installs Debian's docker.io");
        assumeTrue(!Files.exists(Path.of("/sys/class/net/docker_gwbridge")),
                "docker_gwbridge exists: another Docker Engine in swarm mode runs on this host");
        Path root = Files.createTempDirectory("berth-test-dockerd-");
        Process daemon = new ProcessBuilder(DOCKERD.toString(), "--data-root", root.resolve("data").toString(),
                "--exec-root", root.resolve("exec").toString(), "--pidfile", root.resolve("docker.pid").toString(),
                "-H", "unix://" + root.resolve("docker.sock"), "--iptables=false", "--ip6tables=false", "--bridge=none")
                .redirectErrorStream(true).redirectOutput(root.resolve("dockerd.log").toFile()).start();
        TestDockerd dockerd = new TestDockerd(root, daemon);
        try {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            while (!dockerd.ready()) {
                if (Instant.now().isAfter(deadline) || !daemon.isAlive()) {
                    throw new IOException("dockerd did not start: " + Files.readString(root.resolve("dockerd.log")));
                }
                Thread.sleep(200);
            }
            dockerd.docker("swarm", "init", "--advertise-addr", "127.0.0.1");
            dockerd.docker("import", "-c", "CMD [\"sh\"]", BusyboxImage.rootfsTar().toString(), IMAGE);
            return dockerd;
        } catch (Exception e) {
            dockerd.close();
            throw e;
        }
    }

    private boolean ready() {
        try {
            engine().get("/_ping");
            return true;
        } catch (SwarmException e) {
            return false;
        }
    }

    /** The docker CLI against this Engine: for the test's own checks, never for Berth's work. */
    String docker(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(DOCKER.toString(), "-H", "unix://" + socket()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", args) + " failed: " + output);
        }
        return output;
    }

    @Override
    public void close() throws Exception {
        try {
            if (daemon.isAlive()) {
                try {
                    docker("swarm", "leave", "--force");
                } catch (IOException e) {
                    // not in a swarm yet
                }
                daemon.destroy();
                if (!daemon.waitFor(30, TimeUnit.SECONDS)) {
                    daemon.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        } finally {
            new ProcessBuilder("ip", "link", "del", "docker_gwbridge").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(10, TimeUnit.SECONDS);
            unmountUnder(root);
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    /** What the daemon left mounted under its folder (netns bind mounts, overlay layers), deepest first. */
    private static void unmountUnder(Path root) throws IOException, InterruptedException {
        List<String> targets = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/mounts"))) {
            String target = line.split(" ")[1];
            if (target.startsWith(root.toString())) {
                targets.add(target);
            }
        }
        targets.sort(Comparator.reverseOrder());
        for (String target : targets) {
            new ProcessBuilder("umount", "-l", target).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
