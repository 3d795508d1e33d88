package io.berth.cli.e2e;

import io.berth.runtime.ContainerInfo;
import io.berth.runtime.ContainerRuntime;
import io.berth.runtime.ImageReference;
import io.berth.runtime.ImageService;
import io.berth.runtime.RuntimeConfig;
import io.berth.runtime.Runtimes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A state root of its own under /tmp/berth-test-*, busybox:local imported from the host's
 * static busybox, a supervisor (with the given component overrides), and a close() that removes
 * every container and network it made, stops the supervisor and deletes the directory.
 */
public final class E2eFixture implements AutoCloseable {
    public final Path root;
    public final RuntimeConfig config;
    public final ContainerRuntime runtime;
    /** The command that runs the CLI, and the environment it gets beyond BERTH_ROOT and BERTH_RUN_ROOT. */
    private final List<String> berthCommand;
    private final Map<String, String> env;

    E2eFixture(List<String> supervisorJvmArgs) throws IOException, InterruptedException {
        root = Files.createTempDirectory("berth-test-engine-");
        config = new RuntimeConfig(root.resolve("state"), root.resolve("run"));
        berthCommand = BerthRun.mainClassCommand();
        env = BerthRun.DEFAULT_ENVIRONMENT;
        ImageService.open(config).importRootfs(busyboxRootfs(), ImageReference.parse("busybox:local"), List.of("CMD [\"sh\"]"));
        runtime = Runtimes.connect(config, supervisorJvmArgs);
    }

    /**
     * Berth as a user runs it: the {@code launcher} script (./berth of the built checkout), busybox:local
     * imported by {@code berth image import} from the test-fixtures rootfs as scripts/setup does, and the
     * supervisor that the launcher's first command starts.
     */
    private E2eFixture(String prefix, Path launcher, Path rootfsTar, Map<String, String> env)
            throws IOException, InterruptedException {
        root = Files.createTempDirectory(Path.of("/tmp"), prefix);
        config = new RuntimeConfig(root.resolve("state"), root.resolve("run"));
        berthCommand = List.of(launcher.toString());
        this.env = Map.copyOf(env);
        try {
            Path home = Files.createDirectories(root.resolve("projects"));
            berth(home, "image", "import", "--if-missing", "--change", "CMD [\"sh\"]", "--change",
                    "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", rootfsTar.toString(),
                    "busybox:local").ok();
            berth(home, "network", "ls").ok();
            runtime = Runtimes.connect(config);
        } catch (IOException | InterruptedException | RuntimeException | AssertionError failure) {
            Runtimes.shutdownSupervisor(config);
            deleteRoot();
            throw failure;
        }
    }

    /** See {@link #E2eFixture(String, Path, Path, Map)}; the state root is a new /tmp/{prefix}*. */
    public static E2eFixture withLauncher(String prefix, Path launcher, Path rootfsTar, Map<String, String> env)
            throws IOException, InterruptedException {
        return new E2eFixture(prefix, launcher, rootfsTar, env);
    }

    /** Null when a busybox container starts on this machine, else why not (for Assumptions). */
    public String whyContainersCannotRun() {
        var probe = runtime.createContainer(io.berth.runtime.ContainerSpec.simple("berth-probe",
                ImageReference.parse("busybox:local"), List.of("true")));
        try {
            runtime.startContainer(probe.id());
            return null;
        } catch (io.berth.runtime.RuntimeOperationException cannot) {
            return "this machine cannot run a container: " + cannot.getMessage();
        } finally {
            runtime.removeContainer(probe.id(), true);
        }
    }

    /** A project directory with this compose.yaml. */
    public Path project(String name, String composeYaml) throws IOException {
        Path directory = Files.createDirectories(root.resolve("projects").resolve(name));
        Files.writeString(directory.resolve("compose.yaml"), composeYaml);
        return directory;
    }

    public BerthRun berth(Path directory, String... args) throws IOException, InterruptedException {
        return BerthRun.run(directory, config.stateRoot(), config.runRoot(), berthCommand, env, List.of(args));
    }

    /** As {@link #berth(Path, String...)}, with {@code extraEnv} added to the CLI's environment. */
    public BerthRun berthWith(Map<String, String> extraEnv, Path directory, String... args)
            throws IOException, InterruptedException {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.putAll(extraEnv);
        return BerthRun.run(directory, config.stateRoot(), config.runRoot(), berthCommand, all, List.of(args));
    }

    public Process start(Path directory, String... args) throws IOException {
        return BerthRun.start(directory, config.stateRoot(), config.runRoot(), berthCommand, env, List.of(args));
    }

    /** The supervisor log's last lines and what /proc says of {@code pid}: for the message of a failed assertion. */
    public String supervisorLogTail(long pid) {
        StringBuilder text = new StringBuilder("\n--- supervisor.log (tail) ---\n");
        try {
            List<String> lines = Files.readAllLines(config.runRoot().resolve("supervisor.log"));
            lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(line -> text.append(line).append('\n'));
        } catch (IOException | RuntimeException e) {
            text.append("(unreadable: ").append(e.getMessage()).append(")\n");
        }
        // stat says whether it runs; wchan and stack where it waits (in exit, say, for a zombie of its
        // PID namespace that no one reaps, or in a read of its terminal)
        for (String file : List.of("stat", "wchan", "stack")) {
            try {
                text.append("--- /proc/").append(pid).append('/').append(file).append(": ")
                        .append(Files.readString(Path.of("/proc", Long.toString(pid), file)).trim()).append('\n');
            } catch (IOException | RuntimeException e) {
                text.append("--- no /proc/").append(pid).append('/').append(file).append('\n');
            }
        }
        return text.toString();
    }

    private Path busyboxRootfs() throws IOException, InterruptedException {
        Path rootfs = Files.createDirectories(root.resolve("rootfs"));
        Files.createDirectories(rootfs.resolve("bin"));
        for (String dir : List.of("etc", "tmp", "proc", "sys", "dev", "www")) {
            Files.createDirectories(rootfs.resolve(dir));
        }
        Files.copy(Path.of("/bin/busybox"), rootfs.resolve("bin/busybox"));
        Files.writeString(rootfs.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
        Files.writeString(rootfs.resolve("etc/group"), "root:x:0:\n");
        for (String applet : List.of("sh", "echo", "sleep", "env", "cat", "wget", "httpd", "true", "false", "ls")) {
            Files.createSymbolicLink(rootfs.resolve("bin").resolve(applet), Path.of("busybox"));
        }
        Path tar = root.resolve("busybox.tar");
        Process process = new ProcessBuilder("tar", "-C", rootfs.toString(), "-cf", tar.toString(), ".")
                .redirectErrorStream(true).start();
        if (process.waitFor() != 0) {
            throw new IOException("tar of the busybox root failed: " + new String(process.getInputStream().readAllBytes()));
        }
        return tar;
    }

    @Override
    public void close() throws Exception {
        try {
            for (ContainerInfo container : runtime.listContainers(Map.of())) {
                try {
                    runtime.removeContainer(container.id(), true);
                } catch (RuntimeException failure) {
                    System.err.println("cleanup: " + failure.getMessage());
                }
            }
            for (var network : new ArrayList<>(runtime.listNetworks(Map.of()))) {
                try {
                    runtime.removeNetwork(network.name());
                } catch (RuntimeException failure) {
                    System.err.println("cleanup: " + failure.getMessage());
                }
            }
        } finally {
            runtime.close();
            io.berth.cli.server.CliServer.stop(config.runRoot()); // the launcher's commands may have started one
            Runtimes.shutdownSupervisor(config);
            deleteRoot();
        }
    }

    private void deleteRoot() throws IOException {
        // Never walk into a mount left behind: it could be a bind mount of host files.
        if (Files.readString(Path.of("/proc/mounts")).contains(root.toString())) {
            throw new IllegalStateException("mounts left under " + root + "; not deleting it");
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
