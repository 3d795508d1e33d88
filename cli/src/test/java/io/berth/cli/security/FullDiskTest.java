package io.berth.cli.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.berth.cli.server.CliServer;
import io.berth.runtime.RuntimeConfig;
import io.berth.runtime.Runtimes;
import io.berth.testfixtures.BusyboxImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 item 8: a create that hits ENOSPC (the state root a small, full tmpfs) leaves no
 * container directory behind once {@code down -v} ran.
 */
@Tag("root")
class FullDiskTest {
    private static final String COMPOSE = """
            services:
              app:
                image: busybox:local
                command: ["sleep", "1000"]
                network_mode: none
            """;
    private Path root;
    private RuntimeConfig config;
    private boolean mounted;

    @BeforeEach
    void roots() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "mounts a tmpfs: needs root");
        Assumptions.assumeTrue(Files.isExecutable(Launcher.client()), "build ./berth first: mvn -q -o -DskipTests package");
        root = Files.createTempDirectory(Path.of("/tmp"), "berth-test-full-");
        config = new RuntimeConfig(root.resolve("state"), root.resolve("run"));
        Files.createDirectories(config.stateRoot());
        sh("mount -t tmpfs -o size=16m berth-test-full " + config.stateRoot());
        mounted = true;
        Files.writeString(root.resolve("compose.yaml"), COMPOSE);
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (root == null) {
            return;
        }
        try {
            Files.deleteIfExists(config.stateRoot().resolve("filler"));
            Launcher.run(root, config, List.of("BERTH_SERVER=0"), "true", "down", "-v");
        } finally {
            CliServer.stop(config.runRoot());
            Runtimes.shutdownSupervisor(config);
            if (mounted) {
                unmount();
            }
            Launcher.deleteTree(root);
        }
    }

    @Test
    void aCreateThatRanOutOfSpaceLeavesNoContainerDirectory() throws Exception {
        List<String> env = List.of("BERTH_SERVER=0");
        Launcher.run(root, config, env, "true", "image", "import", "--change", "CMD [\"sh\"]",
                BusyboxImage.rootfsTar().toString(), "busybox:local").ok();
        Launcher.run(root, config, env, "true", "ps").ok(); // the supervisor is up, its files written
        sh("dd if=/dev/zero of=" + config.stateRoot().resolve("filler") + " bs=64k 2>/dev/null || true");
        Launcher.Result up = Launcher.run(root, config, env, "true", "up", "-d");
        assertNotEquals(0, up.exitCode(), "up on a full disk fails: " + up.out());
        System.out.println("up on a full disk: " + up.out());
        Files.delete(config.stateRoot().resolve("filler"));
        Launcher.run(root, config, env, "true", "down", "-v").ok();
        try (Stream<Path> left = Files.list(config.stateRoot().resolve("containers"))) {
            assertEquals(List.of(), left.toList(), "after down -v (up said: " + up.out() + ")");
        }
    }

    /** The supervisor leaves after its SHUTDOWN answer: its files keep the tmpfs busy for a moment. */
    private void unmount() throws IOException, InterruptedException {
        for (int attempt = 0; ; attempt++) {
            try {
                sh("umount " + config.stateRoot());
                return;
            } catch (IOException busy) {
                if (attempt >= 50) {
                    throw busy;
                }
                Thread.sleep(200);
            }
        }
    }

    private static void sh(String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IOException(command + ": " + output);
        }
    }
}
