package io.berth.runtime.build.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Destinations resolved through an image's symlinks, layer by layer, never above its root. */
class ImagePathsTest {
    @TempDir
    Path temp;

    @Test
    void symlinksOfLowerLayersAreFollowedAndClampedAtTheRoot() throws Exception {
        Path lower = Files.createDirectories(temp.resolve("lower"));
        Files.createDirectories(lower.resolve("srv"));
        Files.createSymbolicLink(lower.resolve("data"), Path.of("/srv"));
        Files.createSymbolicLink(lower.resolve("srv/up"), Path.of("../../../.."));
        Path upper = Files.createDirectories(temp.resolve("upper"));
        Files.createDirectories(upper.resolve("opt/app"));
        List<Path> layers = List.of(upper, lower);

        assertEquals("/srv/file.txt", ImagePaths.resolveParents(layers, "/data/file.txt"));
        assertEquals("/etc/passwd", ImagePaths.resolveParents(layers, "/data/up/etc/passwd"));
        assertEquals("/data", ImagePaths.resolveParents(layers, "/data"), "the last component is kept");
        assertEquals("/srv", ImagePaths.resolveAll(layers, "/data"));
        assertTrue(ImagePaths.isDirectory(layers, "/data"));
        assertTrue(ImagePaths.isDirectory(layers, "/opt/app"));
        assertFalse(ImagePaths.isDirectory(layers, "/missing"));
    }

    @Test
    void anOpaqueDirectoryOrAWhiteoutHidesTheLowerLayersFiles() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(new com.sun.security.auth.module.UnixSystem().getUid() == 0,
                "needs root: trusted.* xattrs and 0/0 character devices");
        Path lower = Files.createDirectories(temp.resolve("lower2/etc"));
        Files.writeString(lower.resolve("passwd"), "old");
        Files.writeString(lower.resolve("group"), "old");
        Path upper = Files.createDirectories(temp.resolve("upper2/etc"));
        io.berth.runtime.linux.FileNodes.lsetxattr(upper, "trusted.overlay.opaque", "y".getBytes());
        Files.writeString(upper.resolve("group"), "new");
        List<Path> layers = List.of(temp.resolve("upper2"), temp.resolve("lower2"));
        assertEquals("", RootFiles.readOrEmpty(layers, "/etc/passwd"));
        assertEquals("new", RootFiles.readOrEmpty(layers, "/etc/group"));
        Path top = Files.createDirectories(temp.resolve("top"));
        io.berth.runtime.linux.FileNodes.mknod(top.resolve("etc"), io.berth.runtime.linux.FileNodes.S_IFCHR, 0, 0, 0);
        assertEquals("", RootFiles.readOrEmpty(List.of(top, temp.resolve("upper2"), temp.resolve("lower2")), "/etc/group"));
    }
}
