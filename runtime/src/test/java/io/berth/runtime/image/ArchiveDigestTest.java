package io.berth.runtime.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.runtime.RuntimeOperationException;
import io.berth.testfixtures.TarBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Archives whose blobs are not what their descriptors say are refused, and leave nothing behind. */
class ArchiveDigestTest extends ImageServiceTest {
    private static final byte[] LAYER = new TarBuilder().dir("etc").file("etc/hostname", "crafted").bytes();

    @Test
    void anHonestArchiveLoads() throws Exception {
        OciArchiveBuilder archive = new OciArchiveBuilder(LAYER);
        Path file = archive.write(root.dir.resolve("ok.tar"));
        assertEquals(archive.configDigest(), images.load(file).get(0).id().toString());
    }

    @Test
    void zstdLayersUnpack() throws Exception {
        java.io.ByteArrayOutputStream zstd = new java.io.ByteArrayOutputStream();
        try (var out = new com.github.luben.zstd.ZstdOutputStream(zstd)) {
            out.write(LAYER);
        }
        Path rootfs = Files.write(root.dir.resolve("rootfs.tar.zst"), zstd.toByteArray());
        var image = images.importRootfs(rootfs, io.berth.runtime.ImageReference.parse("zstd:1"), java.util.List.of());
        Path layer = images.layerDirs(image.id()).get(0);
        assertEquals("crafted", Files.readString(layer.resolve("etc/hostname")));
        assertEquals(new OciArchiveBuilder(LAYER).diffId(), "sha256:" + layer.getFileName());
    }

    @Test
    void aMultiPlatformArchiveLoadsTheHostsImage() throws Exception {
        OciArchiveBuilder archive = new OciArchiveBuilder(LAYER).multiPlatform();
        Path file = archive.write(root.dir.resolve("multi.tar"));
        var loaded = images.load(file);
        assertEquals(1, loaded.size());
        assertEquals(archive.configDigest(), loaded.get(0).id().toString());
        assertEquals("docker.io/library/crafted:test", loaded.get(0).references().get(0).canonical());
    }

    @Test
    void aLayerBlobWithTheWrongDigestIsRefused() throws Exception {
        String wrong = "sha256:" + "0".repeat(64);
        Path file = new OciArchiveBuilder(LAYER).claimLayerDigest(wrong).write(root.dir.resolve("bad.tar"));
        // The blob is stored under the claimed name in the archive, but its content hashes otherwise.
        RuntimeOperationException e = assertThrows(RuntimeOperationException.class, () -> images.load(file));
        assertTrue(e.getMessage().contains("digest mismatch"), e.getMessage());
        assertNothingRecorded();
    }

    @Test
    void aLayerWhoseContentIsNotItsDiffIdIsRefused() throws Exception {
        String otherDiffId = new OciArchiveBuilder(new TarBuilder().file("x", "y").bytes()).diffId();
        Path file = new OciArchiveBuilder(LAYER).claimDiffId(otherDiffId).write(root.dir.resolve("bad.tar"));
        RuntimeOperationException e = assertThrows(RuntimeOperationException.class, () -> images.load(file));
        assertTrue(e.getMessage().contains("diff_id"), e.getMessage());
        assertNothingRecorded();
    }

    @Test
    void anUncompressedLayerIsCheckedToo() throws Exception {
        String otherDiffId = new OciArchiveBuilder(new TarBuilder().file("x", "y").bytes()).diffId();
        Path file = new OciArchiveBuilder(LAYER).uncompressed().claimDiffId(otherDiffId).write(root.dir.resolve("bad.tar"));
        assertThrows(RuntimeOperationException.class, () -> images.load(file));
        assertNothingRecorded();
    }

    @Test
    void aTruncatedArchiveIsRefused() throws Exception {
        Path good = new OciArchiveBuilder(LAYER).write(root.dir.resolve("ok.tar"));
        byte[] bytes = Files.readAllBytes(good);
        Path truncated = Files.write(root.dir.resolve("cut.tar"), java.util.Arrays.copyOf(bytes, bytes.length / 2 + 100));
        assertThrows(RuntimeOperationException.class, () -> images.load(truncated));
        assertNothingRecorded();
    }

    private void assertNothingRecorded() throws Exception {
        assertTrue(images.list().isEmpty());
        StoreLayout layout = new StoreLayout(root.config().stateRoot());
        try (Stream<Path> layers = Files.list(layout.layersDir()).filter(Files::isDirectory); Stream<Path> tmp = Files.list(layout.tmpDir())) {
            assertEquals(0, layers.count(), "no layer unpacked");
            assertEquals(0, tmp.count(), "no temp file left");
        }
        try (Stream<Path> blobs = Files.walk(layout.blobsDir()).filter(Files::isRegularFile)) {
            assertEquals(List.of(), blobs.toList(), "no blob kept (issue 11 item 8)");
        }
    }
}
