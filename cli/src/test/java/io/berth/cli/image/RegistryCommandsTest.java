package io.berth.cli.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.testfixtures.BusyboxImage;
import io.berth.testfixtures.LocalRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** login, image push and logout as a user runs them: a real berth process, a real registry on 127.0.0.1. */
class RegistryCommandsTest {
    private Path dir;
    private LocalRegistry registry;

    @BeforeEach
    void setUp() throws IOException {
        Assumptions.assumeTrue(LocalRegistry.available(), "needs /usr/bin/docker-registry and skopeo");
        dir = Files.createTempDirectory(Path.of("/tmp"), "berth-test-cli-registry-");
        registry = LocalRegistry.start();
    }

    @AfterEach
    void tearDown() throws IOException {
        if (registry != null) {
            registry.close();
        }
        if (dir != null) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    private record Result(int exitCode, String out, String err) {
    }

    private Result berth(String stdin, String... args) throws Exception {
        return berthWith(java.util.Map.of(), stdin, args);
    }

    private Result berthWith(java.util.Map<String, String> env, String stdin, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), "io.berth.cli.Main"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("BERTH_ROOT", dir.resolve("state").toString());
        builder.environment().put("BERTH_RUN_ROOT", dir.resolve("run").toString());
        builder.environment().put("BERTH_SERVER", "0");
        builder.environment().put("DOCKER_CONFIG", dir.resolve("docker").toString());
        builder.environment().putAll(env);
        Path err = dir.resolve("stderr");
        Process process = builder.redirectError(err.toFile()).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(2, TimeUnit.MINUTES));
        return new Result(process.exitValue(), out, Files.readString(err));
    }

    @Test
    void loginPushLogout() throws Exception {
        String target = registry.hostPort() + "/cli/busybox:1";
        assertEquals(0, berth("", "image", "load", "-i", BusyboxImage.ociArchive().toString()).exitCode());
        assertEquals(0, berth("", "image", "tag", "busybox:test", target).exitCode());

        Result login = berth("secret\n", "login", registry.hostPort(), "-u", "someone", "--password-stdin");
        assertEquals("Login Succeeded\n", login.out(), login.err());
        assertTrue(Files.readString(dir.resolve("docker/config.json")).contains(registry.hostPort()));

        Result push = berth("", "image", "push", target);
        assertEquals(0, push.exitCode(), push.err());
        assertTrue(push.out().startsWith("The push refers to repository [" + registry.hostPort() + "/cli/busybox]\n"),
                push.out());
        assertTrue(push.out().contains(BusyboxImage.get().layerDigest().substring(7, 19) + ": Pushed\n"), push.out());
        assertTrue(push.out().contains("1: digest: sha256:"), push.out());
        Result again = berth("", "image", "push", "-q", target);
        assertTrue(again.out().startsWith(registry.hostPort() + "/cli/busybox@sha256:"), again.out());

        assertEquals("Removing login credentials for " + registry.hostPort() + "\n",
                berth("", "logout", registry.hostPort()).out());
        Result noUser = berth("pw\n", "login", registry.hostPort(), "--password-stdin");
        assertEquals(1, noUser.exitCode());
        assertTrue(noUser.err().contains("Must provide --username with --password-stdin"), noUser.err());
    }

    @Test
    void composePushSendsTheServicesWithBuildAndImageAsComposeV2Does() throws Exception {
        String web = registry.hostPort() + "/compose/web:1";
        String webTag = registry.hostPort() + "/compose/web:extra";
        String pulled = registry.hostPort() + "/compose/pulled:1";
        assertEquals(0, berth("", "image", "load", "-i", BusyboxImage.ociArchive().toString()).exitCode());
        for (String name : List.of(web, webTag, pulled)) {
            assertEquals(0, berth("", "image", "tag", "busybox:test", name).exitCode());
        }
        Path compose = dir.resolve("compose.yaml");
        Files.writeString(compose, String.join("\n", "services:",
                "  web:", "    build:", "      context: .", "      tags: [\"" + webTag + "\"]", "    image: " + web,
                "  cache:", "    image: " + pulled,
                "  worker:", "    build: .",
                "  api:", "    build: .", "    image: " + registry.hostPort() + "/compose/api:1",
                ""));
        Result push = berth("", "-f", compose.toString(), "push", "--ignore-push-failures");
        assertEquals(0, push.exitCode(), push.out() + push.err());
        assertTrue(push.err().contains("Skipped cache: only services with both build: and image: are pushed"), push.err());
        assertTrue(push.err().contains("Skipped worker: only services with both build: and image: are pushed"), push.err());
        assertTrue(push.err().contains("api: image " + registry.hostPort() + "/compose/api:1 is not on this host"
                + " (build it first: berth build api)"), push.err());
        assertTrue(push.out().contains("Pushing web (" + web + ")"), push.out());
        assertTrue(push.out().contains("Pushing web (" + webTag + ")"), push.out());
        assertTrue(push.out().contains("extra: digest: sha256:"), push.out());
        assertTrue(!push.out().contains("Pushing cache"), push.out());

        Result strict = berth("", "-f", compose.toString(), "push", "api");
        assertEquals(1, strict.exitCode(), strict.out() + strict.err());
        assertTrue(strict.err().contains("berth: api: image "), strict.err());
    }

    @Test
    void composePullPullsEachImageOnceWithDepsQuietAndIgnoringFailures() throws Exception {
        String image = registry.pushBusybox();
        String absent = registry.hostPort() + "/compose/absent:1";
        Path compose = dir.resolve("compose.yaml");
        Files.writeString(compose, String.join("\n", "services:",
                "  web:", "    image: " + image, "    depends_on: [db]",
                "  db:", "    image: " + image,
                "  built:", "    build: .",
                "  broken:", "    image: " + absent,
                ""));
        Result onlyWeb = berth("", "-f", compose.toString(), "pull", "web");
        assertEquals(0, onlyWeb.exitCode(), onlyWeb.out() + onlyWeb.err());
        assertTrue(onlyWeb.out().contains("web Pulling\n") && onlyWeb.out().contains("web Pulled\n"), onlyWeb.out());
        assertTrue(onlyWeb.out().contains("Pull complete"), onlyWeb.out());

        Result withDeps = berth("", "-f", compose.toString(), "pull", "--include-deps", "web");
        assertTrue(withDeps.out().contains("db, web Pulled\n"), withDeps.out()); // one image, pulled once for both

        Result all = berth("", "-f", compose.toString(), "pull");
        assertEquals(1, all.exitCode(), all.out() + all.err());
        assertTrue(all.out().contains("built Skipped - No image to be pulled"), all.out());
        assertTrue(all.err().contains("broken") && all.err().contains("not found"), all.err());

        Result ignoring = berth("", "-f", compose.toString(), "pull", "-q", "--ignore-pull-failures");
        assertEquals(0, ignoring.exitCode(), ignoring.out() + ignoring.err());
        assertEquals("", ignoring.out());
        assertTrue(ignoring.err().contains("WARNING: broken"), ignoring.err());
    }

    @Test
    void theCertsDirectoryAndInsecureRegistriesComeFromTheCallersEnvironment() throws Exception {
        Assumptions.assumeTrue(io.berth.testfixtures.TestCertificates.available(), "needs openssl");
        var authority = io.berth.testfixtures.TestCertificates.authority(dir.resolve("pki"), "cli-ca");
        Path[] server = authority.server("registry");
        try (LocalRegistry tls = LocalRegistry.start(LocalRegistry.Setup.open().withTls(server[0], server[1]))) {
            Files.copy(authority.certificate(),
                    Files.createDirectories(dir.resolve("certs.d").resolve(tls.hostPort())).resolve("ca.crt"));
            String target = tls.hostPort() + "/cli/tls:1";
            assertEquals(0, berth("", "image", "load", "-i", BusyboxImage.ociArchive().toString()).exitCode());
            assertEquals(0, berth("", "image", "tag", "busybox:test", target).exitCode());
            Result trusted = berthWith(java.util.Map.of("BERTH_CERTS_D", dir.resolve("certs.d").toString()),
                    "", "image", "push", "-q", target);
            assertEquals(0, trusted.exitCode(), trusted.err());
            Result plain = berth("", "image", "pull", target);
            assertEquals(1, plain.exitCode());
            assertTrue(plain.err().contains("speaks HTTPS"), plain.err());
            Result insecure = berthWith(java.util.Map.of("BERTH_INSECURE_REGISTRIES", tls.hostPort()),
                    "", "image", "pull", "-q", target);
            assertEquals(0, insecure.exitCode(), insecure.err());
            Result byRange = berthWith(java.util.Map.of("BERTH_INSECURE_REGISTRIES", "10.0.0.0/8, 127.0.0.0/8"),
                    "", "image", "pull", "-q", target);
            assertEquals(0, byRange.exitCode(), byRange.err());
            Result malformed = berthWith(java.util.Map.of("BERTH_INSECURE_REGISTRIES", "127.0.0.0/40"),
                    "", "image", "pull", "-q", target);
            assertEquals(1, malformed.exitCode(), malformed.err());
            assertTrue(malformed.err().contains("127.0.0.0/40 is neither host[:port] nor a CIDR range")
                    && !malformed.err().contains("\tat "), malformed.err());
        }
    }
}
