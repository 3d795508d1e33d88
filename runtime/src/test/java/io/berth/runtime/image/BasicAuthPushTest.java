package io.berth.runtime.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.runtime.Digest;
import io.berth.runtime.ImageInfo;
import io.berth.runtime.ImageReference;
import io.berth.runtime.ImageService;
import io.berth.runtime.RegistryLogins;
import io.berth.runtime.RuntimeOperationException;
import io.berth.testfixtures.BusyboxImage;
import io.berth.testfixtures.LocalRegistry;
import io.berth.runtime.state.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real docker-registry with htpasswd basic auth on 127.0.0.1: login checks the password before
 * it writes config.json; push and pull take the credentials from there; logout forgets them.
 */
class BasicAuthPushTest extends ImageServiceTest {
    private static final String USER = "berth";
    private static final String PASSWORD = "s3cret-pass";
    private static LocalRegistry registry;
    private Path dockerConfig;

    @BeforeAll
    static void startRegistry() throws Exception {
        Assumptions.assumeTrue(LocalRegistry.available(), "needs /usr/bin/docker-registry and skopeo");
        registry = LocalRegistry.startWithHtpasswd(Bcrypt.htpasswdLine(USER, PASSWORD));
    }

    @AfterAll
    static void stopRegistry() throws Exception {
        if (registry != null) {
            registry.close();
        }
    }

    @BeforeEach
    void prepare() throws Exception {
        dockerConfig = root.dir.resolve("docker-config");
        images.load(BusyboxImage.ociArchive());
    }

    @Test
    void aWrongPasswordIsRefusedAndNothingIsWritten() {
        RuntimeOperationException e = assertThrows(RuntimeOperationException.class,
                () -> RegistryLogins.login(registry.hostPort(), USER, "wrong", dockerConfig));
        assertTrue(e.getMessage().contains("unauthorized"), e.getMessage());
        assertFalse(Files.exists(dockerConfig.resolve("config.json")));
    }

    @Test
    void loginWritesConfigJsonAsDockerDoesAndPushAndPullUseIt() throws Exception {
        assertEquals(registry.hostPort(), RegistryLogins.login("http://" + registry.hostPort() + "/", USER, PASSWORD,
                dockerConfig));
        Path file = dockerConfig.resolve("config.json");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        JsonNode auths = Json.MAPPER.readTree(file.toFile()).path("auths");
        assertEquals(USER + ":" + PASSWORD, new String(Base64.getDecoder().decode(
                auths.path(registry.hostPort()).path("auth").asText()), StandardCharsets.UTF_8));

        ImageReference target = ImageReference.parse(registry.hostPort() + "/private/busybox:v1");
        images.tag(BusyboxImage.NAME, target);
        Digest manifest = images.push(target, dockerConfig, p -> { });
        JsonNode inspected = Json.MAPPER.readTree(Skopeo.inspect(target.canonical(), USER + ":" + PASSWORD));
        assertEquals(manifest.toString(), inspected.path("Digest").asText());
        try (TempStateRoot other = new TempStateRoot()) {
            ImageInfo pulled = ImageService.open(other.config()).pull(target, dockerConfig, p -> { });
            assertEquals(BusyboxImage.get().configDigest(), pulled.id().toString());
        }

        assertTrue(RegistryLogins.logout(registry.hostPort(), dockerConfig));
        assertFalse(RegistryLogins.logout(registry.hostPort(), dockerConfig));
        assertTrue(Json.MAPPER.readTree(file.toFile()).path("auths").isEmpty());
        RuntimeOperationException e = assertThrows(RuntimeOperationException.class,
                () -> images.push(target, dockerConfig, p -> { }));
        assertTrue(e.getMessage().contains("unauthorized"), e.getMessage());
    }

    @Test
    void aPushWithoutLoginSaysUnauthorized() {
        ImageReference target = ImageReference.parse(registry.hostPort() + "/private/anon:v1");
        images.tag(BusyboxImage.NAME, target);
        RuntimeOperationException e = assertThrows(RuntimeOperationException.class,
                () -> images.push(target, dockerConfig, p -> { }));
        assertTrue(e.getMessage().contains("unauthorized"), e.getMessage());
    }
}
