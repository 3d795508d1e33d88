package io.berth.runtime.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.berth.runtime.VolumeSpec;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Copy-up keeps owners (needs root to chown), modes and symlinks. */
@Tag("root")
class CopyUpTest {
    @TempDir
    Path dir;

    private Path imageContent() throws Exception {
        Path image = Files.createDirectories(dir.resolve("rootfs/var/lib/db"));
        Files.writeString(image.resolve("row"), "from the image");
        Files.setPosixFilePermissions(image.resolve("row"), PosixFilePermissions.fromString("rw-r-----"));
        Files.setAttribute(image.resolve("row"), "unix:uid", 999);
        Files.setAttribute(image.resolve("row"), "unix:gid", 998);
        Files.createDirectories(image.resolve("sub"));
        Files.setPosixFilePermissions(image.resolve("sub"), PosixFilePermissions.fromString("rwx--x---"));
        Files.createSymbolicLink(image.resolve("link"), Path.of("/etc/passwd"));
        Files.createSymbolicLink(image.resolve("outside"), Path.of("/etc"));
        Files.setAttribute(image.resolve("link"), "unix:uid", 999, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(image, "unix:uid", 999);
        Files.setPosixFilePermissions(image, PosixFilePermissions.fromString("rwx------"));
        return image;
    }

    @Test
    void anEmptyVolumeIsFilledOnceKeepingOwnersModesAndLinks() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to give files other owners");
        Path image = imageContent();
        VolumeStore store = new VolumeStore(dir.resolve("state"));
        store.create(new VolumeSpec("db", null, null, null));
        assertTrue(store.copyUp("db", image, false));
        Path data = store.dataOf("db");
        assertEquals("from the image", Files.readString(data.resolve("row")));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("row"))));
        assertEquals(999, Files.getAttribute(data.resolve("row"), "unix:uid"));
        assertEquals(998, Files.getAttribute(data.resolve("row"), "unix:gid"));
        assertEquals("rwx--x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("sub"))));
        assertTrue(Files.isSymbolicLink(data.resolve("link")));
        assertEquals(Path.of("/etc/passwd"), Files.readSymbolicLink(data.resolve("link")));
        assertEquals(999, Files.getAttribute(data.resolve("link"), "unix:uid", LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.isSymbolicLink(data.resolve("outside")), "a link to a host directory is copied as a link, never followed");
        assertEquals(999, Files.getAttribute(data, "unix:uid"), "the volume root takes the image directory's owner");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));

        Files.delete(data.resolve("row"));
        Files.delete(data.resolve("link"));
        Files.delete(data.resolve("outside"));
        Files.delete(data.resolve("sub"));
        assertFalse(store.copyUp("db", image, false), "copy-up happens once");
        assertFalse(Files.exists(data.resolve("row")));
    }

    @Test
    void nocopyAndNonEmptyVolumesAreLeftAlone() throws Exception {
        Path image = imageContent();
        VolumeStore store = new VolumeStore(dir.resolve("state"));
        store.create(new VolumeSpec("skip", null, null, null));
        assertFalse(store.copyUp("skip", image, true));
        assertTrue(CopyUp.isEmpty(store.dataOf("skip")));
        store.create(new VolumeSpec("full", null, null, null));
        Files.writeString(store.dataOf("full").resolve("mine"), "kept");
        assertFalse(store.copyUp("full", image, false));
        assertFalse(Files.exists(store.dataOf("full").resolve("row")));
    }
}
