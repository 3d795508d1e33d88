package io.berth.runtime.image.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Docker's config.json as the docker CLI reads and writes it; a credential helper's protocol. */
class DockerConfigTest {
    private Path dir;

    @BeforeEach
    void create() throws IOException {
        dir = Files.createTempDirectory("berth-test-docker-config-");
    }

    @AfterEach
    void delete() throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    @Test
    void findsTheDirectoryAsTheDockerCliDoes() {
        assertEquals(Path.of("/x/cfg"), DockerConfig.directory(Map.of("DOCKER_CONFIG", "/x/cfg", "HOME", "/h")));
        assertEquals(Path.of("/h/.docker"), DockerConfig.directory(Map.of("HOME", "/h")));
    }

    @Test
    void readsAuthsWrittenByDockerUnderAUrlOrAHost() throws IOException {
        Files.writeString(dir.resolve("config.json"), "{\"auths\":{"
                + "\"https://index.docker.io/v1/\":{\"auth\":\"aHViOnB3\"},"
                + "\"https://reg.example:5000\":{\"auth\":\"dTpw\"}},\"psFormat\":\"x\"}");
        DockerConfig config = new DockerConfig(dir);
        assertEquals(Optional.of(new Credentials("hub", "pw")).map(Credentials::base64),
                config.lookup("docker.io").map(Credentials::base64));
        assertEquals("u", config.lookup("reg.example:5000").orElseThrow().username());
        assertTrue(config.lookup("other.example").isEmpty());
    }

    @Test
    void storesAndErasesKeepingOtherKeysWithMode0600() throws IOException {
        Files.writeString(dir.resolve("config.json"), "{\"psFormat\":\"table\",\"auths\":{\"https://reg.example\":{\"auth\":\"b2xkOm9sZA==\"}}}");
        DockerConfig config = new DockerConfig(dir);
        config.store("reg.example", new Credentials("new", "pw"));
        String written = Files.readString(dir.resolve("config.json"));
        assertTrue(written.contains("\"psFormat\" : \"table\""), written);
        assertFalse(written.contains("https://reg.example"), "the old key of the same server is replaced: " + written);
        assertEquals("new", config.lookup("reg.example").orElseThrow().username());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("config.json"))));
        assertTrue(config.erase("reg.example"));
        assertTrue(config.lookup("reg.example").isEmpty());
        assertFalse(config.erase("reg.example"));
    }

    @Test
    void aDamagedFileSaysWhereAndHowToFix() throws IOException {
        Files.writeString(dir.resolve("config.json"), "{not json");
        IOException e = assertThrows(IOException.class, () -> new DockerConfig(dir).lookup("reg.example"));
        assertTrue(e.getMessage().contains("config.json: not valid JSON"), e.getMessage());
    }

    @Test
    void speaksTheCredentialHelperProtocol() throws IOException {
        Path helper = dir.resolve("docker-credential-fake");
        Files.writeString(helper, String.join("\n", "#!/bin/sh",
                "read server",
                "case \"$1:$server\" in",
                "  get:reg.example) echo '{\"ServerURL\":\"reg.example\",\"Username\":\"helped\",\"Secret\":\"s\"}' ;;",
                "  get:*) echo 'credentials not found in native keychain'; exit 1 ;;",
                "esac", ""));
        Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwx------"));
        CredentialHelper fake = CredentialHelper.atPath(helper);
        assertEquals("helped", fake.get("reg.example").orElseThrow().username());
        assertTrue(fake.get("other.example").isEmpty());
    }

    @Test
    void aMissingHelperSaysWhatToDo() throws IOException {
        Files.writeString(dir.resolve("config.json"), "{\"credsStore\":\"berth-test-absent\"}");
        IOException e = assertThrows(IOException.class, () -> new DockerConfig(dir).lookup("reg.example"));
        assertTrue(e.getMessage().contains("docker-credential-berth-test-absent"), e.getMessage());
    }

    @Test
    void aHelperRunsInTheCallersEnvironmentFoundOnItsPath() throws IOException {
        // as in the CLI server: the helper is only on the caller's PATH, its secret in the caller's variables
        Path bin = Files.createDirectories(dir.resolve("caller-bin"));
        Path helper = bin.resolve("docker-credential-berth-test-caller");
        Files.writeString(helper, String.join("\n", "#!/bin/sh",
                "read server",
                "echo \"{\\\"Username\\\":\\\"$CALLER_USER\\\",\\\"Secret\\\":\\\"s\\\"}\"", ""));
        Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwx------"));
        Files.writeString(dir.resolve("config.json"), "{\"credsStore\":\"berth-test-caller\"}");
        Map<String, String> caller = Map.of("PATH", bin + ":/usr/bin:/bin", "CALLER_USER", "from-the-caller");
        assertEquals("from-the-caller", new DockerConfig(dir, caller).lookup("reg.example").orElseThrow().username());
        assertThrows(IOException.class, () -> new DockerConfig(dir).lookup("reg.example"), "not on this process's PATH");
    }
}
