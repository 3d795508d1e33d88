package io.berth.runtime.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.runtime.ImageInfo;
import io.berth.runtime.ImageReference;
import io.berth.runtime.ImageService;
import io.berth.runtime.RuntimeOperationException;
import io.berth.testfixtures.BusyboxImage;
import io.berth.runtime.state.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** docker save's archive: loads back into an empty store, and skopeo reads it as a docker-archive. */
class ImageSaveTest {
    @Test
    void savedImagesLoadBackWithTheirNamesAndSkopeoReadsThem() throws Exception {
        try (TempStateRoot root = new TempStateRoot(); TempStateRoot other = new TempStateRoot()) {
            ImageService images = ImageService.open(root.config());
            images.load(BusyboxImage.ociArchive());
            images.tag(BusyboxImage.NAME, ImageReference.parse("saved/busybox:2"));
            Path archive = root.dir.resolve("saved.tar");
            images.save(List.of(BusyboxImage.NAME, "saved/busybox:2"), archive);

            List<ImageInfo> loaded = ImageService.open(other.config()).load(archive);
            assertEquals(1, loaded.size(), loaded.toString());
            assertEquals(BusyboxImage.get().configDigest(), loaded.get(0).id().toString());
            assertEquals(List.of("busybox:test", "saved/busybox:2"),
                    loaded.get(0).references().stream().map(ImageReference::familiar).sorted().toList());

            org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/skopeo")),
                    "skopeo is not installed: the archive was only checked by loading it back");
            Process skopeo = new ProcessBuilder("skopeo", "inspect", "docker-archive:" + archive + ":saved/busybox:2")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String output = new String(skopeo.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(skopeo.waitFor(1, TimeUnit.MINUTES));
            assertEquals(0, skopeo.exitValue(), output);
            JsonNode inspected = Json.MAPPER.readTree(output);
            assertEquals(1, inspected.path("Layers").size(), output);
        }
    }

    @Test
    void anOciSaveOfTwoNamesLoadsBackAndSkopeoAndUmociReadIt() throws Exception {
        try (TempStateRoot root = new TempStateRoot(); TempStateRoot other = new TempStateRoot()) {
            ImageService images = ImageService.open(root.config());
            images.load(BusyboxImage.ociArchive());
            images.tag(BusyboxImage.NAME, ImageReference.parse("saved/busybox:2"));
            Path archive = root.dir.resolve("saved-oci.tar");
            images.save(List.of(BusyboxImage.NAME, "saved/busybox:2"), archive, true);

            // index.json lists the one manifest twice, once per name, as Docker 25+'s save does
            List<ImageInfo> loaded = ImageService.open(other.config()).load(archive);
            assertEquals(2, loaded.size(), loaded.toString());
            assertEquals(BusyboxImage.get().configDigest(), loaded.get(0).id().toString());
            assertEquals(List.of("busybox:test", "saved/busybox:2"),
                    loaded.get(1).references().stream().map(ImageReference::familiar).sorted().toList());

            org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/skopeo")),
                    "skopeo is not installed: the archive was only checked by loading it back");
            String inspected = run(root.dir, "skopeo", "inspect", "oci-archive:" + archive + ":2");
            assertEquals(1, Json.MAPPER.readTree(inspected).path("Layers").size(), inspected);
            org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/umoci")),
                    "umoci is not installed: checked by skopeo and by loading it back");
            Path layout = Files.createDirectory(root.dir.resolve("layout"));
            run(root.dir, "tar", "-xf", archive.toString(), "-C", layout.toString());
            String tags = run(root.dir, "umoci", "ls", "--layout", layout.toString());
            assertTrue(tags.lines().anyMatch("test"::equals) && tags.lines().anyMatch("2"::equals), tags);
        }
    }

    private static String run(Path dir, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES));
        assertEquals(0, process.exitValue(), String.join(" ", command) + ": " + output);
        return output;
    }

    @Test
    void anUnknownImageLeavesNoFile() throws Exception {
        try (TempStateRoot root = new TempStateRoot()) {
            ImageService images = ImageService.open(root.config());
            Path archive = root.dir.resolve("none.tar");
            RuntimeOperationException e = assertThrows(RuntimeOperationException.class,
                    () -> images.save(List.of("absent:1"), archive));
            assertEquals(RuntimeOperationException.Kind.NOT_FOUND, e.kind());
            assertFalse(Files.exists(archive));
            try (var left = Files.list(root.dir)) {
                assertTrue(left.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")));
            }
        }
    }
}
