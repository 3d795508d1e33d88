package io.berth.runtime.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.runtime.UnpackLimits;
import io.berth.runtime.linux.FileNodes;
import io.berth.testfixtures.TarBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Each case is a crafted layer that tries to reach outside its root or to lie about itself. */
@Tag("root")
class HostileLayerTest {
    private LayerFixture fixture;
    private Path outside;

    @BeforeEach
    void setUp() throws IOException {
        LayerFixture.assumeRoot();
        fixture = new LayerFixture();
        outside = Files.createTempDirectory(Path.of("/tmp"), "berth-test-outside-");
    }

    @AfterEach
    void tearDown() throws IOException {
        if (fixture != null) {
            fixture.close();
        }
        if (outside != null) {
            FileTrees.deleteRecursively(outside);
        }
    }

    private boolean outsideIsEmpty() throws IOException {
        try (Stream<Path> files = Files.list(outside)) {
            return files.findAny().isEmpty();
        }
    }

    @Test
    void relativeDotDotNamesAreRefused() throws IOException {
        byte[] tar = new TarBuilder().file("a/../../escaped", "x").bytes();
        IOException e = assertThrows(UnsafeArchiveException.class, () -> fixture.unpack(tar));
        assertTrue(e.getMessage().contains("leads out of the layer root"), e.getMessage());
        assertTrue(fixture.storeIsClean());
        assertFalse(Files.exists(fixture.store.layout().root().resolve("escaped")));
    }

    @Test
    void absoluteNamesLandInsideTheRootAsInDocker() throws IOException {
        Path layer = fixture.unpack(new TarBuilder().file("/etc/berth-abs", "inside")
                .file("/../../berth-clamped", "inside too").bytes());
        assertEquals("inside", Files.readString(layer.resolve("etc/berth-abs")));
        assertEquals("inside too", Files.readString(layer.resolve("berth-clamped")));
        assertFalse(Files.exists(Path.of("/etc/berth-abs")));
    }

    @Test
    void anEntryWrittenThroughAnAbsoluteSymlinkStaysInside() throws IOException {
        Path layer = fixture.unpack(new TarBuilder()
                .symlink("evil", outside.toString())
                .file("evil/pwned", "gotcha").bytes());
        assertTrue(outsideIsEmpty(), "nothing written through the symlink to the host");
        assertEquals(outside.toString(), Files.readSymbolicLink(layer.resolve("evil")).toString());
        assertEquals("gotcha", Files.readString(layer.resolve(outside.toString().substring(1)).resolve("pwned")));
    }

    @Test
    void anEntryWrittenThroughARelativeSymlinkChainStaysInside() throws IOException {
        Path layer = fixture.unpack(new TarBuilder()
                .symlink("up", "../../../../../../../..")
                .symlink("a", "up/b")
                .file("a/pwned", "gotcha")
                .symlink("loop1", "loop2").symlink("loop2", "loop1").bytes());
        assertEquals("gotcha", Files.readString(layer.resolve("b/pwned")));
        assertFalse(Files.exists(fixture.store.layout().root().resolve("b")));
        assertThrows(UnsafeArchiveException.class,
                () -> fixture.unpack(new TarBuilder().symlink("l1", "l2").symlink("l2", "l1").file("l1/x", "y").bytes()));
    }

    @Test
    void hardlinksOutOfTheRootAreRefused() throws IOException {
        assertThrows(UnsafeArchiveException.class,
                () -> fixture.unpack(new TarBuilder().hardlink("passwd", "../../../../etc/passwd").bytes()));
        assertThrows(UnsafeArchiveException.class,
                () -> fixture.unpack(new TarBuilder().hardlink("passwd", "/etc/passwd").bytes()));
        assertThrows(UnsafeArchiveException.class, () -> fixture.unpack(new TarBuilder()
                .symlink("etc", "/etc").hardlink("passwd", "etc/passwd").bytes()));
        Files.writeString(outside.resolve("secret"), "s");
        assertThrows(UnsafeArchiveException.class, () -> fixture.unpack(new TarBuilder()
                .symlink("o", outside.toString()).hardlink("stolen", "o/secret").bytes()));
        assertEquals(1, (int) Files.getAttribute(outside.resolve("secret"), "unix:nlink"));
        assertTrue(fixture.storeIsClean());
    }

    @Test
    void hardlinksInsideWorkAndShareTheInode() throws IOException {
        Path layer = fixture.unpack(new TarBuilder().file("bin/tool", "t", 04755, 0, 0)
                .hardlink("bin/alias", "bin/tool").bytes());
        assertEquals(Files.getAttribute(layer.resolve("bin/tool"), "unix:ino"),
                Files.getAttribute(layer.resolve("bin/alias"), "unix:ino"));
        assertEquals(2, (int) Files.getAttribute(layer.resolve("bin/tool"), "unix:nlink"));
    }

    @Test
    void whiteoutsBecomeOverlayfsWhiteouts() throws IOException {
        Path layer = fixture.unpack(new TarBuilder()
                .dir("etc").file("etc/.wh.motd", "")
                .dir("var/cache").file("var/cache/.wh..wh..opq", "")
                .file(".wh..wh.plnk", "")
                .bytes());
        Path whiteout = layer.resolve("etc/motd");
        assertEquals(0L, (long) Files.getAttribute(whiteout, "unix:rdev"));
        assertEquals(FileNodes.S_IFCHR, (int) Files.getAttribute(whiteout, "unix:mode") & 0170000);
        assertFalse(Files.exists(layer.resolve("etc/.wh.motd"), LinkOption.NOFOLLOW_LINKS));
        assertEquals("y", FileNodes.lgetxattrString(layer.resolve("var/cache"), "trusted.overlay.opaque"));
        assertFalse(Files.exists(layer.resolve("var/cache/.wh..wh..opq"), LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(layer.resolve(".wh..wh.plnk"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void whiteoutsInOddPlacesAreRefusedOrKeptInside() throws IOException {
        assertThrows(UnsafeArchiveException.class, () -> fixture.unpack(new TarBuilder().file("etc/.wh.", "").bytes()));
        assertThrows(UnsafeArchiveException.class, () -> fixture.unpack(new TarBuilder().file(".wh..", "").bytes()));
        Files.writeString(outside.resolve("keep"), "k");
        Path layer = fixture.unpack(new TarBuilder().symlink("o", outside.toString()).file("o/.wh.keep", "")
                .file("o/.wh..wh..opq", "").bytes());
        assertEquals("k", Files.readString(outside.resolve("keep")), "the host file is not whited out");
        assertEquals(null, FileNodes.lgetxattrString(outside, "trusted.overlay.opaque"));
        Path inside = layer.resolve(outside.toString().substring(1));
        assertEquals(0L, (long) Files.getAttribute(inside.resolve("keep"), "unix:rdev"));
        assertEquals("y", FileNodes.lgetxattrString(inside, "trusted.overlay.opaque"));
    }

    @Test
    void deviceNodesAreNotCreatedButFifosAndZeroZeroWhiteoutsAre() throws IOException {
        Path layer = fixture.unpack(new TarBuilder().dir("dev")
                .blockDevice("dev/sda", 8, 0).charDevice("dev/mem", 1, 1)
                .charDevice("gone", 0, 0).fifo("pipe").bytes());
        assertFalse(Files.exists(layer.resolve("dev/sda"), LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(layer.resolve("dev/mem"), LinkOption.NOFOLLOW_LINKS));
        assertEquals(0L, (long) Files.getAttribute(layer.resolve("gone"), "unix:rdev"));
        assertEquals(FileNodes.S_IFIFO, (int) Files.getAttribute(layer.resolve("pipe"), "unix:mode") & 0170000);
    }

    @Test
    void onlyDeviceNodesOutsideDevAreWarnedAbout() throws IOException {
        Path root = Files.createDirectory(fixture.root.dir.resolve("plain-unpack"));
        byte[] tar = new TarBuilder().dir("dev").charDevice("dev/null", 1, 3).charDevice("./dev/tty", 5, 0)
                .dir("lib").charDevice("lib/kmem", 1, 2).bytes();
        LayerUnpacker.Result result = LayerUnpacker.unpack(new java.io.ByteArrayInputStream(tar), root, 100, 1 << 20);
        assertEquals(List.of("lib/kmem: device node 1:2 not created"), result.skipped(),
                "a container's /dev is its own: the image's nodes there need no warning");
        assertFalse(Files.exists(root.resolve("dev/null"), LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(root.resolve("lib/kmem"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void duplicateEntriesReplaceEarlierOnesWithoutFollowingThem() throws IOException {
        Files.writeString(outside.resolve("target"), "host");
        Path layer = fixture.unpack(new TarBuilder()
                .file("f", "one").file("f", "two")
                .dir("d").file("d/child", "c").file("d", "now a file")
                .file("e", "a file").dir("e").file("e/inside", "i")
                .symlink("s", outside.resolve("target").toString()).file("s", "replaced the link")
                .dir("keep").file("keep/a", "a").dir("keep", 0700, 0, 0)
                .bytes());
        assertEquals("two", Files.readString(layer.resolve("f")));
        assertEquals("now a file", Files.readString(layer.resolve("d")));
        assertEquals(0644, (int) Files.getAttribute(layer.resolve("d"), "unix:mode") & 07777,
                "the replaced directory's mode does not land on the file");
        assertEquals("i", Files.readString(layer.resolve("e/inside")));
        assertFalse(Files.isSymbolicLink(layer.resolve("s")));
        assertEquals("replaced the link", Files.readString(layer.resolve("s")));
        assertEquals("host", Files.readString(outside.resolve("target")));
        assertEquals("a", Files.readString(layer.resolve("keep/a")), "a repeated directory merges");
        assertEquals(0700, (int) Files.getAttribute(layer.resolve("keep"), "unix:mode") & 07777);
    }

    @Test
    void ownersModesTimesAndXattrsAreKept() throws IOException {
        Path layer = fixture.unpack(new TarBuilder()
                .dir("home/app", 0750, 1000, 1000)
                .file("usr/bin/su", "s", 04755, 0, 0)
                .file("shared", "g", 02775, 1000, 50)
                .symlink("home/app/link", "/nowhere")
                .fileWithPax("noted", "n", Map.of("SCHILY.xattr.user.note", "hello",
                        "SCHILY.xattr.trusted.overlay.redirect", "/etc"))
                .bytes());
        assertEquals(1000, (int) Files.getAttribute(layer.resolve("home/app"), "unix:uid"));
        assertEquals(0750, (int) Files.getAttribute(layer.resolve("home/app"), "unix:mode") & 07777);
        assertEquals(04755, (int) Files.getAttribute(layer.resolve("usr/bin/su"), "unix:mode") & 07777);
        assertEquals(02775, (int) Files.getAttribute(layer.resolve("shared"), "unix:mode") & 07777);
        assertEquals(50, (int) Files.getAttribute(layer.resolve("shared"), "unix:gid"));
        assertEquals(TarBuilder.MTIME.toInstant(), Files.getLastModifiedTime(layer.resolve("usr/bin/su")).toInstant());
        assertEquals(TarBuilder.MTIME.toInstant(), Files.getLastModifiedTime(layer.resolve("home/app")).toInstant());
        assertEquals("/nowhere", Files.readSymbolicLink(layer.resolve("home/app/link")).toString());
        assertEquals("hello", FileNodes.lgetxattrString(layer.resolve("noted"), "user.note"));
        assertEquals(null, FileNodes.lgetxattrString(layer.resolve("noted"), "trusted.overlay.redirect"),
                "overlay xattrs from an archive are dropped");
    }

    @Test
    void decompressionBombsAreStoppedByTheByteCap() throws IOException {
        try (LayerFixture small = new LayerFixture(new UnpackLimits(1 << 20, 100))) {
            byte[] zeros = new byte[4 << 20];
            byte[] bomb = TarBuilder.gzip(new TarBuilder().file("zeros", zeros, 0644, 0, 0).bytes());
            assertTrue(bomb.length < 20_000, "a small archive");
            IOException e = assertThrows(IOException.class, () -> small.unpack(bomb));
            assertTrue(e.getMessage().contains("larger than the limit"), e.getMessage());
            assertTrue(small.storeIsClean());
        }
    }

    @Test
    void tooManyEntriesAreStoppedByTheEntryCap() throws IOException {
        try (LayerFixture small = new LayerFixture(new UnpackLimits(1 << 30, 10))) {
            TarBuilder many = new TarBuilder();
            for (int i = 0; i < 11; i++) {
                many.file("f" + i, "");
            }
            IOException e = assertThrows(IOException.class, () -> small.unpack(many.bytes()));
            assertTrue(e.getMessage().contains("more than the limit of 10 entries"), e.getMessage());
            assertTrue(small.storeIsClean());
        }
    }

    @Test
    void truncatedStreamsFailAndLeaveNothing() throws IOException {
        byte[] tar = new TarBuilder().file("big", new byte[100_000], 0644, 0, 0).file("after", "a").bytes();
        assertThrows(IOException.class, () -> fixture.unpack(Arrays.copyOf(tar, 50_000)));
        byte[] gz = TarBuilder.gzip(tar);
        assertThrows(IOException.class, () -> fixture.unpack(Arrays.copyOf(gz, gz.length - 20)));
        assertTrue(fixture.storeIsClean());
    }

    @Test
    void inputShorterThanOneTarRecordIsNotAnEmptyLayer() throws IOException {
        IOException e = assertThrows(IOException.class, () -> fixture.unpack("hello\n".getBytes()));
        assertEquals("not a valid tar stream (6 bytes, not a whole 512-byte tar record)", e.getMessage());
        IOException gzipped = assertThrows(IOException.class, () -> fixture.unpack(TarBuilder.gzip("hello\n".getBytes())));
        assertEquals("not a valid tar stream (6 bytes, not a whole 512-byte tar record)", gzipped.getMessage());
        assertTrue(fixture.storeIsClean());
        fixture.unpack(new byte[0]); // an empty stream is an empty layer, as Docker's tar reader sees it
        fixture.unpack(new byte[1024]); // and so is the end-of-archive marker alone
    }
}
