package io.berth.runtime.container;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.berth.runtime.ImageInfo;
import io.berth.runtime.ImageReference;
import io.berth.runtime.ImageService;
import io.berth.runtime.RegistryLogins;
import io.berth.runtime.RegistrySettings;
import io.berth.runtime.RuntimeConfig;
import io.berth.runtime.image.Bcrypt;
import io.berth.runtime.image.FileTrees;
import io.berth.runtime.linux.ProcessCalls;
import io.berth.testfixtures.BusyboxImage;
import io.berth.testfixtures.LocalRegistry;
import io.berth.testfixtures.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The TLS set-up end to end: an image pushed to a docker-registry that speaks only HTTPS
 * (a CA made here, htpasswd basic auth), pulled back into an empty state root, and run by Berth's
 * runtime from the pulled layers.
 */
@Tag("root")
class PulledOverTlsRunTest {
    private static ContainerHarness harness;
    private static KernelContainerLauncher launcher;
    private static Path dir;
    private static LocalRegistry registry;

    @BeforeAll
    static void setUp() throws Exception {
        harness = ContainerHarness.open("pulled-tls");
        Assumptions.assumeTrue(LocalRegistry.available() && TestCertificates.available(),
                "needs /usr/bin/docker-registry, skopeo and openssl");
        launcher = new KernelContainerLauncher(Cgroups.detect(), "berth-test-pulled-tls");
        dir = Files.createTempDirectory(Path.of("/tmp"), "berth-test-pulled-tls-");
        TestCertificates authority = TestCertificates.authority(dir.resolve("pki"), "berth-test-ca");
        Path[] server = authority.server("registry");
        registry = LocalRegistry.start(LocalRegistry.Setup.open().withTls(server[0], server[1])
                .withHtpasswd(Bcrypt.htpasswdLine("runner", "run-pass")));
        Files.copy(authority.certificate(),
                Files.createDirectories(dir.resolve("certs.d").resolve(registry.hostPort())).resolve("ca.crt"));
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (registry != null) {
            registry.close();
        }
        if (dir != null) {
            FileTrees.deleteRecursively(dir);
        }
        ContainerHarness.close(harness);
    }

    @Test
    void anImagePushedAndPulledBackOverTlsRuns() throws Exception {
        RegistrySettings settings = new RegistrySettings(dir.resolve("docker"), dir.resolve("certs.d"), Set.of());
        RegistryLogins.login(registry.hostPort(), "runner", "run-pass", settings);
        ImageReference target = ImageReference.parse(registry.hostPort() + "/run/busybox:v1");
        ImageService pusher = ImageService.open(new RuntimeConfig(dir.resolve("pusher"), dir.resolve("pusher-run")));
        pusher.load(BusyboxImage.ociArchive());
        pusher.tag(BusyboxImage.NAME, target);
        pusher.push(target, settings, p -> { });

        ImageService empty = ImageService.open(new RuntimeConfig(dir.resolve("puller"), dir.resolve("puller-run")));
        ImageInfo pulled = empty.pull(target, settings, p -> { });
        LaunchRequest request = harness.request(List.of("/bin/busybox", "echo", "pulled over TLS"),
                empty.layerDirs(pulled.id()));
        LaunchedProcess process = launcher.launch(request);
        try {
            assertEquals(0, ProcessCalls.waitFor(process.pid()).exitCode(), ContainerHarness.stderr(request));
        } finally {
            launcher.cleanup(request);
        }
        assertEquals("pulled over TLS\n", ContainerHarness.stdout(request));
    }
}
