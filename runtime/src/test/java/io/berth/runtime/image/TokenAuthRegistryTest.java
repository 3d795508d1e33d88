package io.berth.runtime.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.runtime.ImageInfo;
import io.berth.runtime.ImageReference;
import io.berth.runtime.ImageService;
import io.berth.runtime.RegistryLogins;
import io.berth.runtime.RegistrySettings;
import io.berth.runtime.RuntimeOperationException;
import io.berth.testfixtures.BusyboxImage;
import io.berth.testfixtures.LocalRegistry;
import io.berth.testfixtures.TestCertificates;
import io.berth.testfixtures.TokenServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real docker-registry whose {@code auth: token:} section trusts the fixture's token server
 * (signed JWTs): the registry itself checks every token's signature, expiry and access. Anonymous
 * callers may pull, only the user may push.
 */
class TokenAuthRegistryTest extends ImageServiceTest {
    private static final String USER = "pusher";
    private static final String PASSWORD = "jwt-pass";
    private static Path keys;
    private static TokenServer tokens;
    private static LocalRegistry registry;
    private RegistrySettings settings;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(LocalRegistry.available() && TestCertificates.available(),
                "needs /usr/bin/docker-registry, skopeo and openssl");
        keys = Files.createTempDirectory("berth-test-token-");
        tokens = TokenServer.start(keys, Map.of(USER, PASSWORD));
        registry = LocalRegistry.start(LocalRegistry.Setup.open().withToken(tokens.registryAuth()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (registry != null) {
            registry.close();
        }
        if (tokens != null) {
            tokens.close();
        }
        if (keys != null) {
            FileTrees.deleteRecursively(keys);
        }
    }

    @BeforeEach
    void prepare() throws Exception {
        images.load(BusyboxImage.ociArchive());
        settings = new RegistrySettings(root.dir.resolve("docker-config"), root.dir.resolve("certs.d"), Set.of());
    }

    @Test
    void theUserPushesWithAPushTokenAndAnyonePullsWithAPullToken() throws Exception {
        RegistryLogins.login(registry.hostPort(), USER, PASSWORD, settings);
        ImageReference target = ImageReference.parse(registry.hostPort() + "/team/busybox:v1");
        images.tag(BusyboxImage.NAME, target);
        int before = tokens.issued().size();
        images.push(target, settings, p -> { });
        List<String> pushTokens = tokens.issued().subList(before, tokens.issued().size());
        assertTrue(pushTokens.stream().anyMatch(t -> t.startsWith(USER + " ") && t.contains("\"push\"")), pushTokens.toString());

        before = tokens.issued().size();
        RegistrySettings anonymous = new RegistrySettings(root.dir.resolve("nobody"), settings.certsDir(), Set.of());
        try (TempStateRoot other = new TempStateRoot()) {
            ImageInfo pulled = ImageService.open(other.config()).pull(target, anonymous, p -> { });
            assertEquals(BusyboxImage.get().configDigest(), pulled.id().toString());
        }
        List<String> pullTokens = tokens.issued().subList(before, tokens.issued().size());
        assertEquals(1, pullTokens.size(), pullTokens.toString()); // one token for the one scope, cached
        assertTrue(pullTokens.get(0).startsWith("anonymous ") && !pullTokens.get(0).contains("push"), pullTokens.toString());
    }

    @Test
    void anAnonymousPushGetsOnlyPullRightsAndIsRefused() {
        ImageReference target = ImageReference.parse(registry.hostPort() + "/team/anonymous:v1");
        images.tag(BusyboxImage.NAME, target);
        RuntimeOperationException e = assertThrows(RuntimeOperationException.class,
                () -> images.push(target, settings, p -> { }));
        assertTrue(e.getMessage().contains("unauthorized"), e.getMessage());
    }

    @Test
    void aWrongPasswordIsRefusedByTheTokenServerAndNothingIsWritten() {
        RuntimeOperationException e = assertThrows(RuntimeOperationException.class,
                () -> RegistryLogins.login(registry.hostPort(), USER, "wrong", settings));
        assertTrue(e.getMessage().contains("unauthorized") && e.getMessage().contains(tokens.realm()), e.getMessage());
        assertFalse(Files.exists(settings.dockerConfigDir().resolve("config.json")));
    }

    @Test
    void anExpiredTokenIsRenewedAndThePushGoesOn() throws Exception {
        RegistryLogins.login(registry.hostPort(), USER, PASSWORD, settings);
        ImageReference target = ImageReference.parse(registry.hostPort() + "/team/renewed:v1");
        images.tag(BusyboxImage.NAME, target);
        int before = tokens.issued().size();
        tokens.expireNext(1);
        images.push(target, settings, p -> { });
        List<String> issued = tokens.issued().subList(before, tokens.issued().size());
        assertTrue(issued.get(0).contains(" expired ") && issued.size() >= 2, issued.toString());
    }
}
