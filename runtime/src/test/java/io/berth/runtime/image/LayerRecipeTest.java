package io.berth.runtime.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.runtime.Digest;
import io.berth.runtime.ImageReference;
import io.berth.testfixtures.TarBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An imported uncompressed tar is kept as a recipe over its unpacked files, not as a second copy,
 * and what push and save read is the very tar that was imported, byte for byte.
 */
class LayerRecipeTest {
    private LayerFixture fixture;
    private Path tars;

    @BeforeEach
    void open() throws IOException {
        LayerFixture.assumeRoot();
        fixture = new LayerFixture();
        tars = Files.createDirectories(fixture.root.dir.resolve("tars"));
    }

    @AfterEach
    void close() throws IOException {
        if (fixture != null) {
            fixture.root.close();
        }
    }

    @Test
    void anImportKeepsARecipeThatRebuildsTheTarExactly() throws IOException {
        byte[] big = new byte[3 * 1024 * 1024 + 17]; // several reads, not a multiple of 512
        Arrays.fill(big, (byte) 'x');
        String longName = "deep/" + "n".repeat(120) + "/" + "f".repeat(110) + ".txt"; // a PAX or GNU long name
        byte[] tar = new TarBuilder()
                .dir("etc").file("etc/hostname", "box\n", 0644, 0, 0)
                .file("empty", new byte[0], 0600, 1000, 1000)
                .file("big.bin", big, 0755, 0, 0)
                .dir("deep").dir("deep/" + "n".repeat(120)).file(longName, "long\n")
                .symlink("etc/link", "hostname").hardlink("etc/again", "etc/hostname")
                .fileWithPax("pax.txt", "with pax\n", Map.of("SCHILY.xattr.user.note", "hi"))
                .fifo("pipe")
                .bytes();
        byte[] padded = Arrays.copyOf(tar, tar.length + 10 * 512 + 7); // zero blocks and a stray tail
        padded[padded.length - 1] = 42;
        Digest digest = importAndCheck(padded);
        assertTrue(Files.isRegularFile(fixture.store.layout().recipe(digest)), "a recipe is kept");
        assertFalse(Files.exists(fixture.store.layout().blob(digest)), "no copy of the tar is kept");
        assertEquals(Files.size(fixture.store.layout().recipe(digest)), fixture.store.blobs().diskBytes(digest),
                "what it takes on disk, counted without rebuilding it");

        Path rebuilt = fixture.store.blobs().path(digest); // push and save read this
        assertArrayEquals(padded, Files.readAllBytes(rebuilt));
    }

    @Test
    void aTarThatReplacesAFileItWroteIsStoredAsIs() throws IOException {
        byte[] tar = new TarBuilder().file("a.txt", "first\n").file("b.txt", "kept\n")
                .file("a.txt", "second\n").bytes(); // the first a.txt's bytes are not on disk any more
        Digest digest = importAndCheck(tar);
        assertFalse(Files.exists(fixture.store.layout().recipe(digest)));
        assertArrayEquals(tar, Files.readAllBytes(fixture.store.layout().blob(digest)));
    }

    @Test
    void aWhiteoutOfAFileItWroteStoresTheTarAsIs() throws IOException {
        byte[] tar = new TarBuilder().dir("d").file("d/x", "gone soon\n").file("d/.wh.x", "").bytes();
        Digest digest = importAndCheck(tar);
        assertArrayEquals(tar, Files.readAllBytes(fixture.store.blobs().path(digest)));
        assertFalse(Files.exists(fixture.store.layout().recipe(digest)));
    }

    @Test
    void aGzipImportKeepsItsBlob() throws IOException {
        byte[] tar = TarBuilder.gzip(new TarBuilder().file("a", "z\n").bytes());
        Path file = Files.write(tars.resolve("rootfs.tar.gz"), tar);
        new RootfsImporter(fixture.store).importRootfs(file, ImageReference.parse("gz:1"), List.of());
        assertArrayEquals(tar, Files.readAllBytes(fixture.store.layout().blob(Digest.sha256(tar))));
    }

    @Test
    void changedFilesMakeTheRebuildFailRatherThanGiveOtherBytes() throws IOException {
        byte[] tar = new TarBuilder().file("a.txt", "original\n").bytes();
        Digest digest = importAndCheck(tar);
        Path file = fixture.store.layout().layer(digest).resolve("a.txt");
        Files.writeString(file, "tampered\n");
        IOException failure = assertThrows(IOException.class, () -> fixture.store.blobs().path(digest));
        assertTrue(failure.getMessage().contains("changed"), failure.getMessage());
        assertFalse(Files.exists(fixture.store.layout().blob(digest)), "nothing wrong is stored");
    }

    @Test
    void aDockerArchivesUncompressedLayerIsKeptAsARecipeToo() throws IOException {
        io.berth.runtime.ImageService.open(fixture.root.config()).load(io.berth.testfixtures.BusyboxImage.dockerArchive());
        Digest diffId = Digest.parse(io.berth.testfixtures.BusyboxImage.get().diffId());
        assertTrue(Files.isRegularFile(fixture.store.layout().recipe(diffId)), "a recipe is kept");
        assertFalse(Files.exists(fixture.store.layout().blob(diffId)), "no copy of layer.tar is kept");
        assertArrayEquals(Files.readAllBytes(io.berth.testfixtures.BusyboxImage.rootfsTar()),
                Files.readAllBytes(fixture.store.blobs().path(diffId)), "rebuilt as it was in the archive");
    }

    /** Imports {@code tar} from a file; checks the image's layer is it (diff_id and blob) and returns its digest. */
    private Digest importAndCheck(byte[] tar) throws IOException {
        Path file = Files.write(tars.resolve("rootfs-" + System.nanoTime() + ".tar"), tar);
        var image = new RootfsImporter(fixture.store).importRootfs(file, ImageReference.parse("recipe/test:1"), List.of());
        Digest digest = Digest.sha256(tar); // uncompressed: the blob's digest is the diff_id
        assertEquals(List.of(fixture.store.layout().layer(digest)), fixture.store.layerDirs(image.id()));
        assertTrue(fixture.store.blobs().has(digest));
        try (var tmp = Files.list(fixture.store.layout().tmpDir())) {
            assertEquals(List.of(), tmp.toList(), "no temp file left");
        }
        return digest;
    }
}
