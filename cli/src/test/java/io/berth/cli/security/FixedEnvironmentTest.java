package io.berth.cli.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.runtime.RuntimeConfig;
import io.berth.testfixtures.BusyboxImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 item 5: a CLI server and a supervisor first started from a cron-like environment
 * ({@code env -i PATH=/usr/bin:/bin}, a proxy and a token set) keep none of it: a fixed PATH, LANG
 * and the Berth settings only, umask 022; and a later command that needs iptables (in /usr/sbin) works.
 */
@Tag("root")
class FixedEnvironmentTest {
    private static final String COMPOSE = """
            services:
              web:
                image: busybox:local
                command: ["sleep", "1000"]
                ports: ["127.0.0.1:19391:80"]
            """;
    private Path root;
    private RuntimeConfig config;

    @BeforeEach
    void roots() throws IOException {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "containers need root");
        Assumptions.assumeTrue(Files.isExecutable(Launcher.client()), "build ./berth first: mvn -q -o -DskipTests package");
        root = Files.createTempDirectory(Path.of("/tmp"), "berth-test-env-");
        config = new RuntimeConfig(root.resolve("state"), root.resolve("run"));
        Files.writeString(root.resolve("compose.yaml"), COMPOSE);
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (root != null) {
            Launcher.downAndDelete(root, config);
        }
    }

    @Test
    void longLivedProcessesKeepNothingOfTheirFirstCaller() throws Exception {
        List<String> odd = List.of("BERTH_SERVER=1", "http_proxy=http://proxy.invalid:3128", "GITHUB_TOKEN=secret-token");
        Launcher.run(root, config, odd, "umask 000", "image", "import", "--if-missing", "--change", "CMD [\"sh\"]",
                BusyboxImage.rootfsTar().toString(), "busybox:local").ok();
        Path cliSocket = config.runRoot().resolve("cli.sock");
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(cliSocket));
        Launcher.Result up = Launcher.run(root, config, odd, "umask 000", "up", "-d").ok();
        assertTrue(Files.readString(config.runRoot().resolve("cli-server.log")).contains("served: up"),
                "up -d was served: " + up.out());

        long server = Long.parseLong(Files.readString(config.runRoot().resolve("cli-server.pid")).trim());
        long supervisor = Long.parseLong(Files.readString(config.runRoot().resolve("supervisor.pid")).trim().split(" ")[0]);
        for (long pid : new long[] {server, supervisor}) {
            List<String> environment = environ(pid);
            assertTrue(environment.contains("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"),
                    pid + ": " + environment);
            assertTrue(environment.contains("LANG=C.UTF-8"), pid + ": " + environment);
            assertTrue(environment.contains("BERTH_ROOT=" + config.stateRoot()), pid + ": " + environment);
            assertFalse(environment.stream().anyMatch(entry -> entry.startsWith("http_proxy=")
                    || entry.startsWith("GITHUB_TOKEN=") || entry.startsWith("BERTH_SERVER=")), pid + ": " + environment);
            assertEquals("0022", umask(pid), "umask of " + pid);
        }
        // the JVM path of a caller whose PATH lacks /usr/sbin finds iptables too
        Launcher.run(root, config, List.of("BERTH_SERVER=0"), "true", "down").ok();
        Launcher.run(root, config, List.of("BERTH_SERVER=0"), "true", "up", "-d").ok();
    }

    private static List<String> environ(long pid) throws IOException {
        byte[] bytes = Files.readAllBytes(Path.of("/proc/" + pid + "/environ"));
        return Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\0"));
    }

    private static String umask(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                .filter(line -> line.startsWith("Umask:")).findFirst().orElseThrow().split("\\s+")[1];
    }
}
