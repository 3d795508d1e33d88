package io.berth.cli.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.runtime.RuntimeConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 item 2: a supervisor and CLI server started under {@code umask 000} serve their own user
 * only. Their sockets are 0600 and the roots 0700; and were those loosened, every connection's peer
 * is still checked (SO_PEERCRED): nobody gets no answer but a refusal.
 */
@Tag("root")
class LocalUserAccessTest {
    private Path root;
    private RuntimeConfig config;

    @BeforeEach
    void roots() throws IOException {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root to act as a second user");
        Assumptions.assumeTrue(OtherUser.available(), "needs setpriv and /usr/bin/python3");
        Assumptions.assumeTrue(Files.isExecutable(Launcher.client()), "build ./berth first: mvn -q -o -DskipTests package");
        root = Files.createTempDirectory(Path.of("/tmp"), "berth-test-access-");
        config = new RuntimeConfig(root.resolve("state"), root.resolve("run"));
        // nobody may walk to the roots: what keeps it out is theirs to decide
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @AfterEach
    void cleanUp() throws IOException {
        if (root != null) {
            Launcher.stopAndDelete(root, config);
        }
    }

    @Test
    void underUmask000NobodyCannotTalkToTheSupervisorOrTheServer() throws Exception {
        Launcher.run(root, config, List.of("BERTH_SERVER=1"), "umask 000", "ls").ok();
        Path supervisorSocket = config.runRoot().resolve("supervisor.sock");
        Path cliSocket = config.runRoot().resolve("cli.sock");
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(cliSocket));

        assertEquals("rwx------", mode(config.stateRoot()));
        assertEquals("rwx------", mode(config.runRoot()));
        assertEquals("rw-------", mode(supervisorSocket));
        assertEquals("rw-------", mode(cliSocket));
        assertTrue(OtherUser.askSocket(supervisorSocket).contains("Permission denied"));

        // loosened by hand: the peer check still refuses nobody
        Files.setPosixFilePermissions(config.runRoot(), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(supervisorSocket, PosixFilePermissions.fromString("rw-rw-rw-"));
        Files.setPosixFilePermissions(cliSocket, PosixFilePermissions.fromString("rw-rw-rw-"));
        String supervisorAnswer = OtherUser.askSocket(supervisorSocket);
        assertTrue(supervisorAnswer.contains("serves only its own user"), supervisorAnswer);
        assertFalse(supervisorAnswer.contains("\"ok\":true"), supervisorAnswer);
        String serverAnswer = OtherUser.askSocket(cliSocket);
        assertTrue(serverAnswer.strip().endsWith("reply:"), serverAnswer + "the CLI server closes on nobody without a word");
        Launcher.run(root, config, List.of("BERTH_SERVER=1"), "true", "ls").ok(); // root is still served
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
