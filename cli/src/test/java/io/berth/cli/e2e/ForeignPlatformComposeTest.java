package io.berth.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.testfixtures.BusyboxImage;
import io.berth.testfixtures.TarBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * An image loaded from a docker-archive whose config names another architecture (the busybox
 * rootfs of this host under an "arm64" label, so that it does run): {@code up} and {@code run}
 * warn and create the container, as Docker does; with {@code platform:} set, {@code up} refuses it
 * and makes nothing.
 */
@Tag("root")
class ForeignPlatformComposeTest extends RealRuntimeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A platform this machine's containers are not. */
    private static final String FOREIGN = "linux/" + (System.getProperty("os.arch").equals("aarch64") ? "amd64" : "arm64");

    /** A docker-archive (as docker save writes it) of the busybox rootfs, its config saying {@link #FOREIGN}. */
    private static Path foreignArchive(Path dir) throws Exception {
        byte[] layer = Files.readAllBytes(BusyboxImage.rootfsTar());
        ObjectNode config = JSON.createObjectNode();
        config.put("architecture", FOREIGN.substring("linux/".length())).put("os", "linux");
        config.putObject("config").putArray("Cmd").add("sh");
        config.putObject("rootfs").put("type", "layers").putArray("diff_ids").add("sha256:" + sha256(layer));
        byte[] configBytes = JSON.writeValueAsBytes(config);
        String manifest = "[{\"Config\":\"config.json\",\"RepoTags\":[\"foreign:1\"],\"Layers\":[\"layer.tar\"]}]";
        return new TarBuilder().file("config.json", configBytes, 0644, 0, 0).file("layer.tar", layer, 0644, 0, 0)
                .file("manifest.json", manifest.getBytes(StandardCharsets.UTF_8), 0644, 0, 0)
                .writeTo(dir.resolve("foreign.tar"));
    }

    private static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    @Test
    void aLoadedImageOfAnotherArchitectureWarnsWithoutPlatformAndIsRefusedWithIt() throws Exception {
        Path dir = fixture.project("foreign-platform", String.join("\n", "services:",
                "  loose:", "    image: foreign:1", "    command: [\"sleep\", \"300\"]",
                "  strict:", "    image: foreign:1", "    platform: " + hostPlatform(), "    command: [\"sleep\", \"300\"]",
                ""));
        fixture.berth(dir, "image", "load", "-i", foreignArchive(dir).toString()).ok();
        try {
            BerthRun up = fixture.berth(dir, "up", "-d", "loose").ok();
            assertTrue(up.err().contains("WARNING: loose: image foreign:1 is for " + FOREIGN + ", this host is "
                    + hostPlatform()), up.err());
            assertTrue(fixture.berth(dir, "ps", "--services", "--status", "running").ok().out().contains("loose"));

            BerthRun run = fixture.berth(dir, "run", "--rm", "-T", "loose", "echo", "ran");
            assertEquals("ran\n", run.out(), run.toString());
            assertTrue(run.err().contains("WARNING: loose: image foreign:1 is for " + FOREIGN), run.err());

            BerthRun strict = fixture.berth(dir, "up", "-d", "strict");
            assertEquals(1, strict.exitCode(), strict.toString());
            assertTrue(strict.err().contains("service strict: image foreign:1 is for " + FOREIGN
                    + ", not the platform " + hostPlatform() + " the service asks for"), strict.err());
            assertFalse(fixture.berth(dir, "ps", "-a", "--services").ok().out().contains("strict"),
                    "nothing is made for strict");
        } finally {
            fixture.berth(dir, "down", "-t", "0").ok();
        }
    }

    private static String hostPlatform() {
        return "linux/" + (System.getProperty("os.arch").equals("aarch64") ? "arm64" : "amd64");
    }
}
