package io.berth.runtime.build.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.berth.runtime.linux.FileNodes;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An overlay upper directory written as an OCI layer: whiteouts, opaque directories, order, fixed times. */
@Tag("root")
class LayerWriterTest {
    @TempDir
    Path temp;

    @Test
    void whiteoutsAndOpaqueDirectoriesBecomeOciWhiteoutsInNameOrder() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(new com.sun.security.auth.module.UnixSystem().getUid() == 0,
                "needs root: 0/0 character devices and trusted.* xattrs");
        Path upper = upper("a");
        List<String> entries = entries(new LayerWriter(Optional.empty()).write(upper, temp.resolve("a.tar.gz")).gzipFile());
        assertEquals(List.of("b/ 1000:1000 755", "b/.wh..wh..opq 1000:1000 755", "b/new.txt 0:0 644", "etc/ 0:0 755",
                "etc/.wh.gone 0:0 0", "etc/z.conf 0:0 600", "link 0:0 777 -> etc/z.conf"), entries);
    }

    @Test
    void aFixedTimeGivesTheSameBytesForTheSameContent() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(new com.sun.security.auth.module.UnixSystem().getUid() == 0,
                "needs root: 0/0 character devices and trusted.* xattrs");
        Optional<Instant> epoch = Optional.of(Instant.ofEpochSecond(1700000000));
        LayerWriter.Written first = new LayerWriter(epoch).write(upper("one"), temp.resolve("one.tar.gz"));
        Thread.sleep(1100);
        LayerWriter.Written second = new LayerWriter(epoch).write(upper("two"), temp.resolve("two.tar.gz"));
        assertEquals(first.diffId(), second.diffId());
        assertEquals(-1, Files.mismatch(first.gzipFile(), second.gzipFile()));
        LayerWriter.Written unfixed = new LayerWriter(Optional.empty()).write(upper("three"), temp.resolve("three.tar.gz"));
        assertNotEquals(first.diffId(), unfixed.diffId());
    }

    private Path upper(String name) throws Exception {
        Path upper = Files.createDirectory(temp.resolve(name));
        Files.createDirectories(upper.resolve("etc"));
        Files.writeString(upper.resolve("etc/z.conf"), "z", StandardCharsets.UTF_8);
        FileNodes.chmod(upper.resolve("etc/z.conf"), 0600);
        FileNodes.mknod(upper.resolve("etc/gone"), FileNodes.S_IFCHR, 0, 0, 0);
        Path opaque = Files.createDirectory(upper.resolve("b"));
        FileNodes.lsetxattr(opaque, "trusted.overlay.opaque", "y".getBytes(StandardCharsets.UTF_8));
        Files.setAttribute(opaque, "unix:uid", 1000);
        Files.setAttribute(opaque, "unix:gid", 1000);
        Files.writeString(opaque.resolve("new.txt"), "new", StandardCharsets.UTF_8);
        FileNodes.chmod(opaque.resolve("new.txt"), 0644);
        FileNodes.chmod(opaque, 0755);
        FileNodes.chmod(upper.resolve("etc"), 0755);
        Files.createSymbolicLink(upper.resolve("link"), Path.of("etc/z.conf"));
        return upper;
    }

    private static List<String> entries(Path gzip) throws Exception {
        List<String> names = new ArrayList<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gzip));
             TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                names.add(entry.getName() + " " + entry.getLongUserId() + ":" + entry.getLongGroupId() + " "
                        + Integer.toOctalString(entry.getMode() & 07777)
                        + (entry.isSymbolicLink() ? " -> " + entry.getLinkName() : ""));
            }
        }
        return names;
    }
}
