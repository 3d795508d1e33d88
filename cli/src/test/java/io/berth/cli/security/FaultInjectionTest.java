package io.berth.cli.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.berth.runtime.RuntimeConfig;
import io.berth.runtime.Runtimes;
import io.berth.testfixtures.BusyboxImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 11: kill -9 of the CLI, and sometimes of the supervisor, at a random moment of
 * {@code up -d --scale app=3} or {@code down -v} (6 rounds, seeded): running the same command again
 * converges, and at the end nothing of this test is left (mounts, netns, cgroups, iptables rules,
 * processes), checked for this test's containers only, since other tests run beside it. The replicas
 * publish a host port range (item 11: each replica must end up with a port of it, never Created).
 */
@Tag("root")
class FaultInjectionTest {
    private static final long SEED = 11;
    private static final int ROUNDS = 6;
    private static final String COMPOSE = """
            services:
              app:
                image: busybox:local
                command: ["sleep", "1000"]
                ports: ["127.0.0.1:24760-24765:80"]
            """;
    private final Set<String> containerIds = new TreeSet<>();
    private Path root;
    private RuntimeConfig config;

    @BeforeEach
    void roots() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "containers need root");
        Assumptions.assumeTrue(Files.isExecutable(Launcher.client()), "build ./berth first: mvn -q -o -DskipTests package");
        root = Files.createTempDirectory(Path.of("/tmp"), "berth-test-fault-");
        config = new RuntimeConfig(root.resolve("state"), root.resolve("run"));
        Files.writeString(root.resolve("compose.yaml"), COMPOSE);
        Launcher.run(root, config, List.of("BERTH_SERVER=0"), "true", "image", "import", "--change", "CMD [\"sh\"]",
                BusyboxImage.rootfsTar().toString(), "busybox:local").ok();
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (root != null) {
            Launcher.downAndDelete(root, config);
        }
    }

    @Test
    void killsDuringScaleAndDownConvergeAndLeakNothing() throws Exception {
        Random random = new Random(SEED);
        for (int round = 0; round < ROUNDS; round++) {
            boolean up = round % 2 == 0;
            String[] command = up ? new String[] {"up", "-d", "--scale", "app=3"} : new String[] {"down", "-v"};
            Process cli = start(command);
            Thread.sleep(random.nextInt(up ? 4000 : 2000));
            boolean killSupervisor = random.nextBoolean();
            cli.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            if (killSupervisor) {
                killSupervisor();
            }
            recordContainers();
            Launcher.run(root, config, List.of("BERTH_SERVER=0"), "true", command).ok();
            recordContainers();
            String ids = Launcher.run(root, config, List.of("BERTH_SERVER=0"), "true", "ps", "-q").ok().out();
            assertEquals(up ? 3 : 0, ids.lines().filter(line -> !line.isBlank()).count(),
                    "round " + round + " (" + String.join(" ", command) + ", supervisor killed: " + killSupervisor + ")");
        }
        Launcher.run(root, config, List.of("BERTH_SERVER=0"), "true", "down", "-v").ok();
        Runtimes.shutdownSupervisor(config);
        assertEquals(List.of(), leftBehind(), "nothing of this test's containers " + containerIds);
    }

    private Process start(String... args) throws IOException {
        List<String> argv = new ArrayList<>(List.of("/usr/bin/env", "-i", "PATH=/usr/bin:/bin", "BERTH_SERVER=0",
                "BERTH_ROOT=" + config.stateRoot(), "BERTH_RUN_ROOT=" + config.runRoot(),
                Launcher.checkout().resolve("berth").toString()));
        argv.addAll(List.of(args));
        return new ProcessBuilder(argv).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    private void killSupervisor() throws IOException, InterruptedException {
        Path pidFile = config.runRoot().resolve("supervisor.pid");
        if (Files.exists(pidFile)) {
            long pid = Long.parseLong(Files.readString(pidFile).trim().split(" ")[0]);
            boolean ours = ProcessHandle.of(pid)
                    .filter(process -> process.info().commandLine().orElse("").contains(root.toString()))
                    .map(ProcessHandle::destroyForcibly).orElse(false);
            // not onExit(): the supervisor is not our child, and onExit of another's process completes
            // only once it is reaped, which a PID 1 that does not reap orphans never does (a hang);
            // a zombie holds nothing a new supervisor needs (its lock went with its descriptors)
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (ours && io.berth.runtime.linux.ProcStat.isAlive(pid) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }
    }

    private void recordContainers() throws IOException {
        Path containers = config.stateRoot().resolve("containers");
        if (Files.isDirectory(containers)) {
            try (Stream<Path> dirs = Files.list(containers)) {
                dirs.map(dir -> dir.getFileName().toString()).filter(name -> name.matches("[0-9a-f]{64}"))
                        .forEach(containerIds::add);
            }
        }
    }

    /** Whatever of this test is still on the host: mounts, netns, cgroups, iptables rules, processes. */
    private List<String> leftBehind() throws Exception {
        List<String> left = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc/mounts"))) {
            if (line.contains(root.toString()) || containerIds.stream().anyMatch(id -> line.contains(id.substring(0, 12)))) {
                left.add("mount " + line);
            }
        }
        for (String line : output("ip", "netns", "list").lines().toList()) {
            if (containerIds.stream().anyMatch(id -> line.contains(id.substring(0, 12)))) {
                left.add("netns " + line);
            }
        }
        for (String line : output("iptables-save").lines().toList()) {
            if (containerIds.stream().anyMatch(id -> line.contains(id.substring(0, 12)))) {
                left.add("iptables " + line);
            }
        }
        for (String line : output("find", "/sys/fs/cgroup", "-mindepth", "1", "-maxdepth", "4", "-type", "d").lines().toList()) {
            if (containerIds.stream().anyMatch(id -> line.contains(id.substring(0, 12)))) {
                left.add("cgroup " + line);
            }
        }
        ProcessHandle.allProcesses().filter(process -> process.info().commandLine().orElse("").contains(root.toString()))
                .forEach(process -> left.add("process " + process.pid() + " " + process.info().commandLine().orElse("")));
        return left;
    }

    private static String output(String... command) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of(command));
        argv.set(0, io.berth.runtime.linux.HostProcess.resolveTool(command[0]));
        Process process = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(30, TimeUnit.SECONDS);
        return out;
    }
}
