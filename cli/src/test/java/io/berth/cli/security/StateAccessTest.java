package io.berth.cli.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.runtime.RuntimeConfig;
import io.berth.testfixtures.BusyboxImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 item 4: what Berth keeps of a container (state.json with its environment, logs, upper,
 * rootfs, volume data) is readable by no other local user, even when everything was started under
 * {@code umask 000}, and even when the roots' 0700 was loosened by hand.
 */
@Tag("root")
class StateAccessTest {
    private static final String COMPOSE = """
            services:
              app:
                image: busybox:local
                command: ["sh", "-c", "echo the-log-line; echo data > /data/file; exec sleep 1000"]
                environment: [SECRET=s3cr3t-value]
                volumes: ["data:/data"]
            volumes:
              data: {}
            """;
    private Path root;
    private RuntimeConfig config;

    @BeforeEach
    void roots() throws IOException {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root to act as a second user");
        Assumptions.assumeTrue(OtherUser.available(), "needs setpriv and /usr/bin/python3");
        Assumptions.assumeTrue(Files.isExecutable(Launcher.client()), "build ./berth first: mvn -q -o -DskipTests package");
        root = Files.createTempDirectory(Path.of("/tmp"), "berth-test-state-");
        config = new RuntimeConfig(root.resolve("state"), root.resolve("run"));
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(root.resolve("compose.yaml"), COMPOSE);
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (root != null) {
            Launcher.downAndDelete(root, config);
        }
    }

    @Test
    void nobodyReadsNothingOfAContainerUnderUmask000() throws Exception {
        List<String> env = List.of("BERTH_SERVER=0");
        Launcher.run(root, config, env, "umask 000", "image", "import", "--if-missing", "--change", "CMD [\"sh\"]",
                BusyboxImage.rootfsTar().toString(), "busybox:local").ok();
        Launcher.run(root, config, env, "umask 000", "up", "-d").ok();
        assertTrue(Launcher.run(root, config, env, "true", "logs").ok().out().contains("the-log-line"));

        assertEquals(List.of(), OtherUser.readableBy(config.stateRoot()), "nothing of the state root");
        assertEquals(List.of(), OtherUser.readableBy(config.runRoot()), "nothing of the run root");

        // an operator loosened the roots: the containers' and volumes' own directories still hold
        Files.setPosixFilePermissions(config.stateRoot(), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(config.runRoot(), PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> seen = OtherUser.readableBy(config.stateRoot());
        for (String line : seen) {
            String path = line.substring(line.indexOf(' ') + 1);
            Path relative = config.stateRoot().relativize(Path.of(path));
            boolean insideAContainer = relative.startsWith("containers") && relative.getNameCount() > 1;
            boolean insideAVolume = relative.startsWith("volumes") && relative.getNameCount() > 2;
            assertTrue(!insideAContainer && !insideAVolume, "nobody reaches " + line + " (all: " + seen + ")");
        }
        try (Stream<Path> files = Files.walk(config.stateRoot().resolve("containers"))) {
            for (Path file : files.filter(path -> path.getFileName().toString().matches("state\\.json|container\\.log|stdout\\.raw"))
                    .toList()) {
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), file.toString());
            }
        }
    }
}
