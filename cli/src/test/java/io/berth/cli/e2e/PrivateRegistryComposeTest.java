package io.berth.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.testfixtures.LocalRegistry;
import io.berth.testfixtures.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every pull but {@code berth pull} itself, against a registry that needs all three registry
 * settings at once: HTTPS with a CA made here (found only through the caller's BERTH_CERTS_D)
 * and htpasswd basic auth (found only in the caller's DOCKER_CONFIG after {@code berth login}).
 * The builder pulls the FROM image (also with the registry listed as insecure instead of its CA),
 * {@code up} pulls a service's image (missing, then refreshed by {@code pull_policy: always}), and
 * {@code run} starts a container of the built image.
 */
@Tag("root")
class PrivateRegistryComposeTest extends RealRuntimeTest {
    private static String registryMissing;
    private static LocalRegistry registry;
    private static Map<String, String> settings;
    /** htpasswd line of deployer / deploy-pass (bcrypt, made once with libcrypt's crypt_gensalt "$2b$" 10). */
    private static final String DEPLOYER = "deployer:$2b$10$3NrT08TO9zmNVoLpjEvdtuOSYo6bQ120wmCvvVv0MNf33uicf/3r6";

    /** After the base class's set-up (the fixture): a registry only where containers run. */
    @BeforeAll
    static void startRegistry() throws Exception {
        if (!containersCanRun()) {
            return;
        }
        if (!LocalRegistry.available() || !TestCertificates.available()) {
            registryMissing = "needs /usr/bin/docker-registry, skopeo and openssl";
            return;
        }
        Path pki = Files.createDirectories(fixture.root.resolve("pki"));
        TestCertificates authority = TestCertificates.authority(pki, "berth-private-ca");
        Path[] server = authority.server("registry");
        registry = LocalRegistry.start(LocalRegistry.Setup.open().withTls(server[0], server[1])
                .withHtpasswd(DEPLOYER));
        Path certsD = fixture.root.resolve("certs.d");
        Files.copy(authority.certificate(), Files.createDirectories(certsD.resolve(registry.hostPort())).resolve("ca.crt"));
        settings = Map.of("BERTH_CERTS_D", certsD.toString(),
                "DOCKER_CONFIG", fixture.root.resolve("docker").toString());
    }

    @BeforeEach
    void skipWithoutARegistry() {
        Assumptions.assumeTrue(registryMissing == null, registryMissing);
    }

    /** Before the base class's clean-up (the fixture's). */
    @AfterAll
    static void stopRegistry() throws Exception {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void buildUpAndRunPullFromATlsRegistryWithALogin() throws Exception {
        String base = registry.hostPort() + "/private/base:1";
        Path dir = fixture.project("private-registry", String.join("\n", "services:",
                "  app:", "    build: .", "    image: private-built:1",
                "  web:", "    image: " + base, "    pull_policy: always", "    command: [\"sleep\", \"300\"]", ""));
        Files.writeString(dir.resolve("Dockerfile"), "FROM " + base + "\nRUN echo built > /built\n");

        fixture.berthWith(settings, dir, "login", registry.hostPort(), "-u", "deployer", "-p", "deploy-pass").ok();
        fixture.berth(dir, "image", "tag", "busybox:local", base).ok();
        fixture.berthWith(settings, dir, "image", "push", "-q", base).ok();
        fixture.berth(dir, "image", "rm", base).ok();

        BerthRun anonymous = fixture.berthWith(Map.of("BERTH_CERTS_D", settings.get("BERTH_CERTS_D"),
                "DOCKER_CONFIG", fixture.root.resolve("no-login").toString()), dir, "build", "app");
        assertEquals(1, anonymous.exitCode(), anonymous.toString());
        assertTrue(anonymous.err().contains("unauthorized"), anonymous.err());

        fixture.berthWith(settings, dir, "build", "app").ok();
        // an insecure registry: its certificate is not checked, no certs.d needed; --pull pulls again
        fixture.berthWith(Map.of("BERTH_INSECURE_REGISTRIES", registry.hostPort(),
                "DOCKER_CONFIG", settings.get("DOCKER_CONFIG")), dir, "build", "--pull", "app").ok();
        fixture.berth(dir, "image", "rm", base).ok();
        try {
            fixture.berthWith(settings, dir, "up", "-d", "web").ok(); // missing: pulled
            fixture.berthWith(settings, dir, "up", "-d", "web").ok(); // pull_policy: always: pulled again
            assertTrue(fixture.berth(dir, "image", "inspect", base).exitCode() == 0, "up did not pull " + base);
            assertEquals("built\n", fixture.berthWith(settings, dir, "run", "--rm", "-T", "app", "cat", "/built").ok().out());
            BerthRun untrusted = fixture.berthWith(Map.of("DOCKER_CONFIG", settings.get("DOCKER_CONFIG")), dir,
                    "up", "-d", "web");
            assertEquals(1, untrusted.exitCode(), untrusted.toString());
            assertTrue(untrusted.err().contains("HTTPS"), untrusted.err());
        } finally {
            fixture.berth(dir, "down", "-t", "0").ok();
        }
    }
}
