package io.berth.runtime.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.berth.runtime.Digest;
import io.berth.runtime.ImageInfo;
import io.berth.runtime.ImageService;
import io.berth.testfixtures.BusyboxImage;
import io.berth.testfixtures.TarBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Berth's unpacked layer against {@code umoci unpack} of the same image, an independent OCI
 * implementation: the same files, types, modes (setuid too), owners, link targets, contents, mtimes.
 */
@Tag("root")
class UmociComparisonTest {
    private static final java.time.Instant STARTED = java.time.Instant.now().minusSeconds(5);
    private TempStateRoot root;
    private ImageService images;

    @BeforeEach
    void open() throws Exception {
        LayerFixture.assumeRoot();
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/umoci")), "needs umoci");
        root = new TempStateRoot();
        images = ImageService.open(root.config());
    }

    @AfterEach
    void clean() throws Exception {
        if (root != null) {
            root.close();
        }
    }

    @Test
    void busyboxUnpacksAsUmociUnpacksIt() throws Exception {
        compare(BusyboxImage.ociArchive());
    }

    @Test
    void aLayerWithOwnersSetuidLinksAndFifosUnpacksAsUmociUnpacksIt() throws Exception {
        byte[] layer = new TarBuilder()
                .dir("./", 0755, 0, 0)
                .dir("home", 0755, 0, 0).dir("home/app", 0750, 1000, 1000)
                .file("home/app/.profile", "export A=1\n", 0640, 1000, 1000)
                .dir("usr/bin", 0755, 0, 0)
                .file("usr/bin/su", "setuid tool", 04755, 0, 0)
                .file("usr/bin/wall", "setgid tool", 02755, 0, 5)
                .hardlink("usr/bin/su-again", "usr/bin/su")
                .symlink("usr/bin/absolute", "/usr/bin/su")
                .symlink("usr/bin/relative", "../../home/app/.profile")
                .symlink("dangling", "/does/not/exist")
                .dir("tmp", 01777, 0, 0)
                .fifo("tmp/pipe")
                .file("empty", "", 0600, 65534, 65534)
                .bytes();
        compare(new OciArchiveBuilder(layer).name("docker.io/library/crafted:test").write(root.dir.resolve("crafted.tar")));
    }

    private void compare(Path ociArchive) throws Exception {
        ImageInfo image = images.load(ociArchive).get(0);
        Path ours = images.layerDirs(image.id()).get(0);
        Path layout = Files.createDirectories(root.dir.resolve("layout"));
        run("tar", "-xf", ociArchive.toString(), "-C", layout.toString());
        Path bundle = root.dir.resolve("bundle");
        run("umoci", "unpack", "--image", layout + ":test", bundle.toString());
        Map<String, String> expected = describe(bundle.resolve("rootfs"));
        Map<String, String> actual = describe(ours);
        assertEquals(String.join("\n", expected.values()), String.join("\n", actual.values()));
        assertEquals(Digest.parse(image.id().toString()), image.id());
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }

    /** One line per file: path, type, mode, owner, mtime, and the content hash or link target. */
    private static Map<String, String> describe(Path tree) throws IOException {
        Map<String, String> lines = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(tree)) {
            for (Path path : paths.toList()) {
                String name = "/" + tree.relativize(path);
                Map<String, Object> attrs = Files.readAttributes(path, "unix:mode,uid,gid,lastModifiedTime,size",
                        LinkOption.NOFOLLOW_LINKS);
                int mode = (Integer) attrs.get("mode");
                String line = name + " type=" + Integer.toOctalString(mode & 0170000)
                        + " owner=" + attrs.get("uid") + ":" + attrs.get("gid");
                if (Files.isSymbolicLink(path)) {
                    line += " -> " + Files.readSymbolicLink(path);
                } else {
                    line += " mode=" + Integer.toOctalString(mode & 07777);
                }
                if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                    line += " sha256=" + Digest.sha256(Files.readAllBytes(path)).shortHex()
                            + " links=" + Files.getAttribute(path, "unix:nlink");
                }
                java.time.Instant mtime = ((java.nio.file.attribute.FileTime) attrs.get("lastModifiedTime")).toInstant();
                if (!name.equals("/")) {
                    // A parent the archive does not list is made at unpack time, by both tools.
                    line += " mtime=" + (mtime.isAfter(STARTED) ? "(unpack time)" : mtime);
                }
                lines.put(name, line);
            }
        }
        return lines;
    }
}
