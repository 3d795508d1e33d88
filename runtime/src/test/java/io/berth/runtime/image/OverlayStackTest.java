package io.berth.runtime.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.runtime.Digest;
import io.berth.runtime.ImageInfo;
import io.berth.runtime.ImageService;
import io.berth.testfixtures.TarBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A two-layer image (a docker-save archive) stacked with overlayfs as the container code will
 * stack it, in a throwaway mount namespace ({@code unshare --mount}): the upper layer's
 * whiteout hides a file and its opaque directory hides the lower directory's content.
 */
@Tag("root")
class OverlayStackTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private TempStateRoot root;

    @BeforeEach
    void open() throws Exception {
        LayerFixture.assumeRoot();
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/unshare")), "needs unshare (util-linux)");
        root = new TempStateRoot();
    }

    @AfterEach
    void clean() throws Exception {
        if (root != null) {
            root.close();
        }
    }

    @Test
    void layersStackTopMostFirstWithWhiteoutsApplied() throws Exception {
        byte[] lower = new TarBuilder().dir("etc").file("etc/gone", "g").file("etc/kept", "k")
                .dir("var/cache").file("var/cache/old1", "1").file("var/cache/old2", "2").bytes();
        byte[] upper = new TarBuilder().dir("etc").file("etc/.wh.gone", "")
                .dir("var/cache").file("var/cache/.wh..wh..opq", "").file("var/cache/new", "n").bytes();
        Path archive = dockerSave(List.of(lower, upper), "stack:test");
        ImageService images = ImageService.open(root.config());
        ImageInfo image = images.load(archive).get(0);
        List<Path> layers = images.layerDirs(image.id());
        assertEquals(2, layers.size());
        assertEquals(Digest.sha256(upper).hex(), layers.get(0).getFileName().toString(), "top-most first");

        Path mountPoint = Files.createDirectories(root.dir.resolve("merged"));
        String lowerdir = layers.stream().map(Path::toString).collect(Collectors.joining(":"));
        String script = "mount -t overlay berth-test-overlay -o lowerdir=" + lowerdir + " " + mountPoint
                + " && cd " + mountPoint + " && ls etc var/cache";
        Process process = new ProcessBuilder("unshare", "--mount", "--propagation", "private", "sh", "-c", script)
                .redirectErrorStream(true).start();
        String listing = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), listing);
        assertEquals("etc:\nkept\n\nvar/cache:\nnew\n", listing);
    }

    private Path dockerSave(List<byte[]> layers, String tag) throws Exception {
        ObjectNode config = JSON.createObjectNode();
        config.put("architecture", Platform.architecture()).put("os", "linux").put("created", "2024-01-01T00:00:00Z");
        ArrayNode diffIds = config.putObject("rootfs").put("type", "layers").putArray("diff_ids");
        ArrayNode layerNames = JSON.createArrayNode();
        TarBuilder archive = new TarBuilder();
        for (byte[] layer : layers) {
            String hex = Digest.sha256(layer).hex();
            diffIds.add("sha256:" + hex);
            layerNames.add(hex + "/layer.tar");
            archive.file(hex + "/layer.tar", layer, 0644, 0, 0);
        }
        byte[] configJson = JSON.writeValueAsBytes(config);
        String configName = Digest.sha256(configJson).hex() + ".json";
        ArrayNode manifest = JSON.createArrayNode();
        ObjectNode entry = manifest.addObject().put("Config", configName);
        entry.putArray("RepoTags").add(tag);
        entry.set("Layers", layerNames);
        archive.file(configName, configJson, 0644, 0, 0)
                .file("manifest.json", JSON.writeValueAsBytes(manifest), 0644, 0, 0);
        return archive.writeTo(root.dir.resolve("stack.tar"));
    }
}
