package io.berth.runtime.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.runtime.UnpackLimits;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 11 item 6: sparse tar entries (GNU tar's {@code --sparse}, old GNU and PAX 1.0 formats) count
 * their declared size against the unpack cap, not their few stored bytes, and unpack sparse.
 */
@Tag("root")
class SparseLayerTest {
    private static final long MIB = 1 << 20;
    private Path work;

    @BeforeEach
    void work() throws IOException {
        LayerFixture.assumeRoot();
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/tar")) || Files.isExecutable(Path.of("/bin/tar")),
                "needs GNU tar to make sparse archives");
        work = Files.createTempDirectory("berth-test-sparse-");
    }

    @AfterEach
    void clean() throws IOException {
        if (work != null) {
            try (Stream<Path> paths = Files.walk(work)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gnu", "posix"})
    void aSparseEntryOverTheCapIsRefusedByItsDeclaredSize(String format) throws Exception {
        refusedOverTheCap(format, 64 * MIB, 16 * MIB);
    }

    @org.junit.jupiter.api.Test
    void aTenKilobyteArchiveDeclaringTwoGibibytesIsRefused() throws Exception {
        refusedOverTheCap("gnu", 2048 * MIB, 1024 * MIB); // the probe
    }

    private void refusedOverTheCap(String format, long size, long cap) throws Exception {
        byte[] tar = sparseArchive(format, size);
        assertTrue(tar.length < 64 * 1024, "a small archive: " + tar.length);
        try (LayerFixture small = new LayerFixture(new UnpackLimits(cap, 100))) {
            IOException e = assertThrows(IOException.class, () -> small.unpack(tar));
            assertTrue(e.getMessage().contains("larger than the limit"), e.getMessage());
            assertTrue(small.storeIsClean());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gnu", "posix"})
    void aSparseEntryUnderTheCapStaysSparse(String format) throws Exception {
        byte[] tar = sparseArchive(format, 64 * MIB);
        try (LayerFixture fixture = new LayerFixture()) {
            Path file = fixture.unpack(tar).resolve("sparse");
            assertEquals(64 * MIB, Files.size(file));
            long allocatedBytes = 512L * blocks(file);
            assertTrue(allocatedBytes < MIB, "holes not written: " + allocatedBytes + " bytes allocated");
            try (RandomAccessFile read = new RandomAccessFile(file.toFile(), "r")) {
                assertArrayEquals("head".getBytes(StandardCharsets.US_ASCII), bytesAt(read, MIB, 4));
                assertArrayEquals("tail".getBytes(StandardCharsets.US_ASCII), bytesAt(read, 64 * MIB - 4, 4));
                assertArrayEquals(new byte[4], bytesAt(read, 2 * MIB, 4));
            }
        }
    }

    /** A tar made by GNU tar --sparse of a file of {@code size} bytes: "head" at 1 MiB, "tail" at its end. */
    private byte[] sparseArchive(String format, long size) throws Exception {
        Path file = work.resolve("sparse");
        Files.deleteIfExists(file);
        try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(size);
            sparse.seek(MIB);
            sparse.write("head".getBytes(StandardCharsets.US_ASCII));
            sparse.seek(size - 4);
            sparse.write("tail".getBytes(StandardCharsets.US_ASCII));
        }
        Path tar = work.resolve(format + ".tar");
        Process process = new ProcessBuilder(List.of("tar", "--sparse", "--format=" + format, "-C", work.toString(),
                "-cf", tar.toString(), "sparse")).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
        Files.delete(file);
        return Files.readAllBytes(tar);
    }

    private static long blocks(Path file) throws Exception {
        Process stat = new ProcessBuilder("stat", "-c", "%b", file.toString()).start();
        String out = new String(stat.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        assertEquals(0, stat.waitFor());
        return Long.parseLong(out);
    }

    private static byte[] bytesAt(RandomAccessFile file, long offset, int length) throws IOException {
        byte[] bytes = new byte[length];
        file.seek(offset);
        file.readFully(bytes);
        return bytes;
    }
}
