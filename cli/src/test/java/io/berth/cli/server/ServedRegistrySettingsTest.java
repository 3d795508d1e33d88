package io.berth.cli.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.berth.cli.e2e.E2eFixture;
import io.berth.testfixtures.BusyboxImage;
import io.berth.testfixtures.LocalRegistry;
import io.berth.testfixtures.TestCertificates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A served {@code up} pulls with its caller's registry settings, not the server's: the server's
 * fixed environment has no DOCKER_CONFIG and no BERTH_CERTS_D, the caller's name a login and the
 * CA of an HTTPS-only registry with htpasswd. The command is served (the server's log says so)
 * and the pull works.
 */
@Tag("root")
class ServedRegistrySettingsTest {
    private static final Map<String, String> ON = Map.of("BERTH_SERVER", "1");
    private static final Map<String, String> OFF = Map.of("BERTH_SERVER", "0");
    /** htpasswd line of deployer / deploy-pass (bcrypt, made once with libcrypt's crypt_gensalt "$2b$" 10). */
    private static final String DEPLOYER = "deployer:$2b$10$3NrT08TO9zmNVoLpjEvdtuOSYo6bQ120wmCvvVv0MNf33uicf/3r6";
    private static Path launcher;
    private static E2eFixture fixture;

    @BeforeAll
    static void fixture() throws Exception {
        Path checkout = Path.of("").toAbsolutePath().getParent();
        launcher = checkout.resolve("berth");
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "containers need root");
        Assumptions.assumeTrue(LocalRegistry.available() && TestCertificates.available(),
                "needs /usr/bin/docker-registry, skopeo and openssl");
        Assumptions.assumeTrue(Files.isExecutable(checkout.resolve("cli/target/berth-client"))
                        && Files.isRegularFile(checkout.resolve("cli/target/berth.jar")),
                "build ./berth and its client first: mvn -q -o -DskipTests package");
        fixture = E2eFixture.withLauncher("berth-test-served-registry-", launcher, BusyboxImage.rootfsTar(), OFF);
    }

    @AfterAll
    static void close() throws Exception {
        if (fixture != null) {
            CliServer.stop(fixture.config.runRoot());
            fixture.close();
        }
    }

    @Test
    void aServedUpPullsWithTheCallersLoginAndCertsDirectory() throws Exception {
        TestCertificates authority = TestCertificates.authority(Files.createDirectories(fixture.root.resolve("pki")),
                "berth-served-ca");
        Path[] server = authority.server("registry");
        try (LocalRegistry registry = LocalRegistry.start(LocalRegistry.Setup.open().withTls(server[0], server[1])
                .withHtpasswd(DEPLOYER))) {
            Path certsD = fixture.root.resolve("certs.d");
            Files.copy(authority.certificate(),
                    Files.createDirectories(certsD.resolve(registry.hostPort())).resolve("ca.crt"));
            Map<String, String> settings = Map.of("BERTH_CERTS_D", certsD.toString(),
                    "DOCKER_CONFIG", fixture.root.resolve("docker").toString());
            String image = registry.hostPort() + "/served/busybox:1";
            Path dir = fixture.project("served-registry",
                    "services:\n  web:\n    image: " + image + "\n    command: [\"sleep\", \"300\"]\n");
            run(dir, with(OFF, settings), "login", registry.hostPort(), "-u", "deployer", "-p", "deploy-pass").ok();
            run(dir, OFF, "image", "tag", "busybox:local", image).ok();
            run(dir, with(OFF, settings), "image", "push", "-q", image).ok();
            run(dir, OFF, "image", "rm", image).ok();

            startServer(dir);
            int before = servedCount();
            try {
                run(dir, with(ON, settings), "up", "-d").ok();
                assertEquals(before + 1, servedCount(), "up -d was not served:\n" + log());
                run(dir, OFF, "image", "inspect", image).ok();
            } finally {
                run(dir, OFF, "down", "-t", "0").ok();
            }
        }
    }

    private static Map<String, String> with(Map<String, String> base, Map<String, String> more) {
        Map<String, String> all = new HashMap<>(base);
        all.putAll(more);
        return all;
    }

    private static ServedRun run(Path dir, Map<String, String> env, String... args) throws IOException, InterruptedException {
        return ServedRun.run(launcher, dir, fixture.root, env, args);
    }

    private static void startServer(Path dir) throws Exception {
        run(dir, ON, "version").ok();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(fixture.config.runRoot().resolve("cli.sock"))
                && log().contains("serving"));
    }

    private static String log() throws IOException {
        Path log = fixture.config.runRoot().resolve("cli-server.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private static int servedCount() throws IOException {
        return (int) log().lines().filter(line -> line.contains("berth cli server: served:")).count();
    }
}
