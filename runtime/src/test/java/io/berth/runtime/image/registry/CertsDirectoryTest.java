package io.berth.runtime.image.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.runtime.image.FileTrees;
import io.berth.testfixtures.TestCertificates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** certs.d as Docker reads it, with files openssl makes: CAs, client pairs, key formats. */
class CertsDirectoryTest {
    private Path dir;
    private TestCertificates authority;

    @BeforeEach
    void setUp() throws IOException {
        Assumptions.assumeTrue(TestCertificates.available(), "needs openssl");
        dir = Files.createTempDirectory("berth-test-certsd-");
        authority = TestCertificates.authority(dir.resolve("pki"), "ca");
    }

    @AfterEach
    void tearDown() throws IOException {
        if (dir != null) {
            FileTrees.deleteRecursively(dir);
        }
    }

    private static void openssl(Path in, String... arguments) throws Exception {
        Process process = new ProcessBuilder(List.of(arguments)).directory(in.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(1, TimeUnit.MINUTES) && process.exitValue() == 0, output);
    }

    @Test
    void everyCrtIsACaAndACertWithItsKeyIsAClientPair() throws Exception {
        Path registry = Files.createDirectories(dir.resolve("certs.d/reg.example:5000"));
        Files.copy(authority.certificate(), registry.resolve("ca.crt"));
        Files.copy(TestCertificates.authority(dir.resolve("pki2"), "other").certificate(), registry.resolve("other.crt"));
        Path[] client = authority.client("client");
        Files.copy(client[0], registry.resolve("client.cert"));
        Files.copy(client[1], registry.resolve("client.key"));
        CertsDirectory certs = CertsDirectory.read(registry);
        assertEquals(2, certs.authorities().size());
        assertEquals(1, certs.clients().size());
        assertTrue(certs.keyManagers().length > 0 && certs.trustManagers().length > 0);
    }

    @Test
    void noDirectoryMeansTheSystemCasOnly() throws Exception {
        CertsDirectory certs = CertsDirectory.read(dir.resolve("certs.d/absent:443"));
        assertTrue(certs.authorities().isEmpty() && certs.clients().isEmpty());
    }

    @Test
    void aPkcs1RsaKeyReadsAsTheSameKeyAsItsPkcs8Form() throws Exception {
        Path[] client = authority.client("legacy");
        Path pkcs1 = dir.resolve("pki/legacy-rsa.key");
        openssl(dir.resolve("pki"), "openssl", "rsa", "-traditional", "-in", client[1].toString(), "-out", pkcs1.toString());
        assertTrue(Files.readString(pkcs1).contains("BEGIN RSA PRIVATE KEY"));
        assertArrayEquals(PemKeys.read(client[1]).getEncoded(), PemKeys.read(pkcs1).getEncoded());
    }

    @Test
    void anEcKeyInSec1FormIsRefusedWithTheCommandThatConvertsIt() throws Exception {
        Path ec = dir.resolve("pki/ec.key");
        openssl(dir.resolve("pki"), "openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", ec.toString());
        IOException e = assertThrows(IOException.class, () -> PemKeys.read(ec));
        assertTrue(e.getMessage().contains("openssl pkcs8 -topk8 -nocrypt"), e.getMessage());
        Path pkcs8 = dir.resolve("pki/ec8.key");
        openssl(dir.resolve("pki"), "openssl", "pkcs8", "-topk8", "-nocrypt", "-in", ec.toString(), "-out", pkcs8.toString());
        assertEquals("EC", PemKeys.read(pkcs8).getAlgorithm());
    }

    @Test
    void aCertWithoutItsKeyIsAnError() throws Exception {
        Path registry = Files.createDirectories(dir.resolve("certs.d/reg.example"));
        Files.copy(authority.client("alone")[0], registry.resolve("client.cert"));
        IOException e = assertThrows(IOException.class, () -> CertsDirectory.read(registry));
        assertTrue(e.getMessage().contains("client certificate without its key"), e.getMessage());
    }
}
