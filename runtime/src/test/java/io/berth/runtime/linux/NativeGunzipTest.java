package io.berth.runtime.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ISA-L's inflate gives what Java's gzip wrote, however the bytes arrive, and refuses what Java refuses. */
class NativeGunzipTest {
    @BeforeEach
    void needsTheLibrary() {
        // scripts/setup installs libisal2; without it Java's GZIPInputStream is used and this is moot
        org.junit.jupiter.api.Assumptions.assumeTrue(NativeGunzip.nativeAvailable(),
                "libisal.so.2 is not installed: Java's inflater is used");
    }

    @Test
    void readsBackEveryKindOfContentWhateverTheChunks() throws IOException {
        Random random = new Random(42);
        for (int size : new int[] {0, 1, 100, 65_535, 262_144, 262_145, 3_000_001}) {
            for (int kind = 0; kind < 3; kind++) {
                byte[] plain = content(random, size, kind);
                for (int level : new int[] {Deflater.NO_COMPRESSION, 1, 6, 9}) {
                    byte[] zipped = gzip(level, plain);
                    assertArrayEquals(plain, readAll(zipped, 0), "size " + size + " kind " + kind + " level " + level);
                    assertArrayEquals(plain, readAll(zipped, 1 + random.nextInt(70_000)),
                            "in pieces: size " + size + " kind " + kind + " level " + level);
                }
            }
        }
    }

    @Test
    void readsConcatenatedMembersAndIgnoresTrailingBytesAfterAMember() throws IOException {
        byte[] one = content(new Random(1), 400_000, 1);
        byte[] two = content(new Random(2), 123_457, 0);
        byte[] both = concat(gzip(6, one), gzip(1, two));
        assertArrayEquals(concat(one, two), readAll(both, 0));
        assertArrayEquals(concat(one, two), readAll(both, 4096));
        assertArrayEquals(one, readAll(concat(gzip(6, one), new byte[] {0, 0, 0, 0, 1, 2}), 0));
    }

    @Test
    void refusesTruncatedCorruptAndForeignStreams() throws IOException {
        byte[] plain = content(new Random(3), 500_000, 2);
        byte[] zipped = gzip(6, plain);
        assertThrows(IOException.class, () -> readAll(Arrays.copyOf(zipped, zipped.length - 5), 0), "trailer cut");
        assertThrows(IOException.class, () -> readAll(Arrays.copyOf(zipped, zipped.length / 2), 0), "data cut");
        byte[] crc = zipped.clone();
        crc[crc.length - 8] ^= 1;
        assertThrows(IOException.class, () -> readAll(crc, 0), "CRC");
        byte[] length = zipped.clone();
        length[length.length - 1] ^= 1;
        assertThrows(IOException.class, () -> readAll(length, 0), "length");
        byte[] data = zipped.clone();
        data[data.length / 2] ^= 0x55;
        assertThrows(IOException.class, () -> readAll(data, 0), "a flipped byte in the data");
        assertThrows(IOException.class, () -> readAll("plain text, not gzip".getBytes(), 0));
        assertThrows(IOException.class, () -> readAll(new byte[0], 0));
    }

    @Test
    void skipsTheOptionalHeaderFields() throws IOException {
        byte[] plain = "with a name, a comment and an extra field".getBytes();
        byte[] zipped = gzip(6, plain);
        ByteArrayOutputStream made = new ByteArrayOutputStream();
        made.write(zipped, 0, 3);
        made.write(4 | 8 | 16); // FEXTRA, FNAME, FCOMMENT
        made.write(zipped, 4, 6);
        made.write(new byte[] {3, 0, 'a', 'b', 'c'});
        made.write("name.tar\0comment\0".getBytes());
        made.write(zipped, 10, zipped.length - 10);
        assertArrayEquals(plain, readAll(made.toByteArray(), 0));
        assertTrue(NativeGunzip.nativeAvailable());
    }

    private static byte[] content(Random random, int size, int kind) {
        byte[] bytes = new byte[size];
        switch (kind) {
            case 0 -> random.nextBytes(bytes); // incompressible: stored blocks
            case 1 -> { // text-like: dynamic Huffman blocks with long matches
                String words = "berth compose layer image registry tar header ";
                for (int i = 0; i < size; i++) {
                    bytes[i] = (byte) words.charAt((i * 7 + random.nextInt(3)) % words.length());
                }
            }
            default -> { // runs and zeros, as in binaries
                for (int i = 0; i < size; i++) {
                    bytes[i] = (byte) (i % 4096 < 1000 ? 0 : random.nextInt(16));
                }
            }
        }
        return bytes;
    }

    private static byte[] gzip(int level, byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out) {
            {
                def.setLevel(level);
            }
        }) {
            gz.write(plain);
        }
        return out.toByteArray();
    }

    /** Reads {@code zipped} back, the source giving at most {@code piece} bytes a read (0: no limit). */
    private static byte[] readAll(byte[] zipped, int piece) throws IOException {
        InputStream source = new ByteArrayInputStream(zipped);
        if (piece > 0) {
            source = new FilterInputStream(source) {
                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    return super.read(b, off, Math.min(len, piece));
                }
            };
        }
        try (InputStream in = NativeGunzip.open(source, 65536)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[1 + new Random(piece).nextInt(100_000)];
            int n;
            while ((n = in.read(buffer, 0, buffer.length)) >= 0) {
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
