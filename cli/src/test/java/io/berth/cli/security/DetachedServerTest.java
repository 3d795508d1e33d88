package io.berth.cli.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.cli.server.CliServer;
import io.berth.runtime.RuntimeConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A CLI server started by a command holds nothing of that command's caller: {@code out=$(berth
 * version)} ends when berth does (the server does not keep the caller's stdout pipe open, which made
 * such a script wait for ever), and a descriptor the caller had open (fd 7 here) is not in the server.
 */
@Tag("root")
class DetachedServerTest {
    private Path root;
    private RuntimeConfig config;

    @BeforeEach
    void roots() throws IOException {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "the server's run root is root's");
        Assumptions.assumeTrue(Files.isExecutable(Launcher.client()), "build ./berth first: mvn -q -o -DskipTests package");
        root = Files.createTempDirectory(Path.of("/tmp"), "berth-test-detached-");
        config = new RuntimeConfig(root.resolve("state"), root.resolve("run"));
    }

    @AfterEach
    void cleanUp() throws IOException {
        if (root != null) {
            CliServer.stop(config.runRoot());
            Launcher.deleteTree(root);
        }
    }

    @Test
    void aStartedServerLetsGoOfTheCallersPipeAndDescriptors() throws Exception {
        Path marker = root.resolve("caller-fd");
        List<String> argv = new ArrayList<>(List.of("/usr/bin/env", "-i", "PATH=/usr/bin:/bin", "BERTH_SERVER=1",
                "BERTH_ROOT=" + config.stateRoot(), "BERTH_RUN_ROOT=" + config.runRoot(),
                "/bin/sh", "-c", "exec 7>\"$1\"; shift; exec \"$0\" \"$@\"",
                Launcher.checkout().resolve("berth").toString(), marker.toString(), "version", "--short"));
        Process process = new ProcessBuilder(argv).directory(root.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        // what `$(...)` does: read the pipe until every holder of its write end has closed it
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "berth version did not finish");
        assertEquals(0, process.exitValue());
        String out = output.get(30, TimeUnit.SECONDS); // before the fix: never, the server's parent kept the pipe
        assertFalse(out.isBlank(), "version printed");

        Path pidFile = config.runRoot().resolve("cli-server.pid");
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(pidFile));
        long server = Long.parseLong(Files.readString(pidFile).trim());
        List<String> open = new ArrayList<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/" + server + "/fd"))) {
            fds.forEach(fd -> {
                try {
                    open.add(fd.getFileName() + " -> " + Files.readSymbolicLink(fd));
                } catch (IOException gone) {
                    // a descriptor closed while listed
                }
            });
        }
        assertFalse(open.stream().anyMatch(link -> link.contains(marker.toString())), "the caller's fd 7 is kept: " + open);
        String stat = Files.readString(Path.of("/proc/" + server + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        assertEquals(fields[3], String.valueOf(server), "the server leads a session of its own: " + stat);
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
