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
import io.berth.runtime.RegistrySettings;
import io.berth.runtime.RuntimeOperationException;
import io.berth.testfixtures.BusyboxImage;
import io.berth.testfixtures.LocalRegistry;
import io.berth.testfixtures.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Real docker-registries on 127.0.0.1 speaking only HTTPS with a certificate from a CA this test
 * makes: one with htpasswd basic auth, one that also demands a client certificate. Berth trusts
 * the CA through a certs.d directory of the test's own (never /etc/docker/certs.d).
 */
class TlsRegistryTest extends ImageServiceTest {
    private static final String USER = "berth";
    private static final String PASSWORD = "tls-pass";
    private static Path pki;
    private static TestCertificates authority;
    private static TestCertificates stranger;
    private static LocalRegistry registry;
    private static LocalRegistry mutualRegistry;
    private Path certsD;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(LocalRegistry.available() && TestCertificates.available(),
                "needs /usr/bin/docker-registry, skopeo and openssl");
        pki = Files.createTempDirectory("berth-test-pki-");
        authority = TestCertificates.authority(pki, "berth-test-ca");
        stranger = TestCertificates.authority(pki, "other-ca");
        Path[] server = authority.server("registry");
        registry = LocalRegistry.start(LocalRegistry.Setup.open().withTls(server[0], server[1])
                .withHtpasswd(Bcrypt.htpasswdLine(USER, PASSWORD)));
        mutualRegistry = LocalRegistry.start(LocalRegistry.Setup.open().withTls(server[0], server[1])
                .withClientCa(authority.certificate()));
    }

    @AfterAll
    static void stop() throws Exception {
        for (LocalRegistry each : new LocalRegistry[] {registry, mutualRegistry}) {
            if (each != null) {
                each.close();
            }
        }
        if (pki != null) {
            FileTrees.deleteRecursively(pki);
        }
    }

    @BeforeEach
    void prepare() throws Exception {
        images.load(BusyboxImage.ociArchive());
        certsD = root.dir.resolve("certs.d");
    }

    private RegistrySettings settings(Set<String> insecure) {
        return new RegistrySettings(root.dir.resolve("docker-config"), certsD, insecure);
    }

    private void trust(LocalRegistry which, TestCertificates ca) throws Exception {
        Path dir = Files.createDirectories(certsD.resolve(which.hostPort()));
        Files.copy(ca.certificate(), dir.resolve("ca.crt"));
    }

    @Test
    void loginPushAndPullBackOverTlsWithTheCaInCertsD() throws Exception {
        trust(registry, authority);
        RegistrySettings settings = settings(Set.of());
        RegistryLogins.login(registry.hostPort(), USER, PASSWORD, settings);
        ImageReference target = ImageReference.parse(registry.hostPort() + "/tls/busybox:v1");
        images.tag(BusyboxImage.NAME, target);
        Digest manifest = images.push(target, settings, p -> { });
        JsonNode inspected = io.berth.runtime.state.Json.MAPPER.readTree(Skopeo.inspect(target.canonical(), USER + ":" + PASSWORD));
        assertEquals(manifest.toString(), inspected.path("Digest").asText());
        try (TempStateRoot other = new TempStateRoot()) {
            ImageInfo pulled = ImageService.open(other.config()).pull(target, settings, p -> { });
            assertEquals(BusyboxImage.get().configDigest(), pulled.id().toString());
        }
    }

    @Test
    void aCertificateFromAnUnknownCaIsAClearErrorAndNothingIsWritten() throws Exception {
        trust(registry, stranger);
        RuntimeOperationException e = assertThrows(RuntimeOperationException.class,
                () -> RegistryLogins.login(registry.hostPort(), USER, PASSWORD, settings(Set.of())));
        assertTrue(e.getMessage().contains("signed by an unknown authority")
                && e.getMessage().contains(certsD.resolve(registry.hostPort()).resolve("ca.crt").toString()), e.getMessage());
        assertFalse(Files.exists(root.dir.resolve("docker-config/config.json")));
    }

    @Test
    void aLoopbackRegistryWithoutCertsDIsPlainHttpAndATlsOneSaysSo() {
        RuntimeOperationException e = assertThrows(RuntimeOperationException.class,
                () -> RegistryLogins.login(registry.hostPort(), USER, PASSWORD, settings(Set.of())));
        assertTrue(e.getMessage().contains("speaks HTTPS"), e.getMessage());
    }

    @Test
    void anInsecureRegistryIsNotVerified() throws Exception {
        RegistrySettings settings = settings(Set.of(registry.hostPort()));
        RegistryLogins.login(registry.hostPort(), USER, PASSWORD, settings);
        ImageReference target = ImageReference.parse(registry.hostPort() + "/insecure/busybox:v1");
        images.tag(BusyboxImage.NAME, target);
        images.push(target, settings, p -> { });
    }

    @Test
    void aCidrRangeMakesARegistryInsecureByItsAddressOrTheAddressesOfItsName() throws Exception {
        RegistrySettings byAddress = settings(Set.of("127.0.0.0/8"));
        RegistryLogins.login(registry.hostPort(), USER, PASSWORD, byAddress);
        ImageReference target = ImageReference.parse(registry.hostPort() + "/ranged/busybox:v1");
        images.tag(BusyboxImage.NAME, target);
        images.push(target, byAddress, p -> { });

        // localhost resolves (through /etc/hosts) to 127.0.0.1: that address is in the range
        String byName = "localhost:" + registry.hostPort().substring(registry.hostPort().indexOf(':') + 1);
        RegistrySettings nameInRange = settings(Set.of("127.0.0.1/32", "::1/128"));
        RegistryLogins.login(byName, USER, PASSWORD, nameInRange);
        try (TempStateRoot other = new TempStateRoot()) {
            ImageInfo pulled = ImageService.open(other.config())
                    .pull(ImageReference.parse(byName + "/ranged/busybox:v1"), nameInRange, p -> { });
            assertEquals(BusyboxImage.get().configDigest(), pulled.id().toString());
        }
    }

    @Test
    void aRegistryOutsideTheInsecureRangesIsCheckedAsUsual() throws Exception {
        trust(registry, stranger);
        RuntimeOperationException e = assertThrows(RuntimeOperationException.class,
                () -> RegistryLogins.login(registry.hostPort(), USER, PASSWORD, settings(Set.of("10.0.0.0/8", "fd00::/8"))));
        assertTrue(e.getMessage().contains("signed by an unknown authority"), e.getMessage());
        assertFalse(Files.exists(root.dir.resolve("docker-config/config.json")));
    }

    @Test
    void aMalformedInsecureRangeIsAnErrorNamingIt() {
        ImageReference target = ImageReference.parse(registry.hostPort() + "/ranged/bad:v1");
        images.tag(BusyboxImage.NAME, target);
        RuntimeOperationException e = assertThrows(RuntimeOperationException.class,
                () -> images.push(target, settings(Set.of("127.0.0.0/33")), p -> { }));
        assertTrue(e.getMessage().contains("127.0.0.0/33") && e.getMessage().contains("BERTH_INSECURE_REGISTRIES"),
                e.getMessage());
    }

    @Test
    void anInsecurePlainHttpRegistryIsReachedAfterTheTlsTry() throws Exception {
        try (LocalRegistry plain = LocalRegistry.start()) {
            ImageReference target = ImageReference.parse(plain.hostPort() + "/plain/busybox:v1");
            images.tag(BusyboxImage.NAME, target);
            images.push(target, settings(Set.of(plain.hostPort())), p -> { });
        }
    }

    @Test
    void aClientCertificateFromCertsDIsPresentedWhenTheRegistryWantsOne() throws Exception {
        trust(mutualRegistry, authority);
        ImageReference target = ImageReference.parse(mutualRegistry.hostPort() + "/mutual/busybox:v1");
        images.tag(BusyboxImage.NAME, target);
        RuntimeOperationException e = assertThrows(RuntimeOperationException.class,
                () -> images.push(target, settings(Set.of()), p -> { }));
        assertTrue(e.getMessage().contains("client.cert"), e.getMessage());

        Path[] client = authority.client("berth-client");
        Path dir = certsD.resolve(mutualRegistry.hostPort());
        Files.copy(client[0], dir.resolve("client.cert"));
        Files.copy(client[1], dir.resolve("client.key"));
        images.push(target, settings(Set.of()), p -> { });
    }

    @Test
    void aClientKeyWithoutItsCertificateIsAnError() throws Exception {
        trust(mutualRegistry, authority);
        Path[] client = authority.client("lonely");
        Files.copy(client[1], certsD.resolve(mutualRegistry.hostPort()).resolve("client.key"));
        ImageReference target = ImageReference.parse(mutualRegistry.hostPort() + "/mutual/lonely:v1");
        images.tag(BusyboxImage.NAME, target);
        RuntimeOperationException e = assertThrows(RuntimeOperationException.class,
                () -> images.push(target, settings(Set.of()), p -> { }));
        assertTrue(e.getMessage().contains("client key without its certificate"), e.getMessage());
    }
}
