package io.berth.runtime.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** libcrypto's SHA-256 gives Java's digest for any way of feeding the same bytes. */
class NativeSha256Test {
    @Test
    void agreesWithJavasDigestWhateverTheChunks() throws Exception {
        Assumptions.assumeTrue(NativeSha256.nativeAvailable(), "no libcrypto on this machine: Java's digest is used");
        byte[] data = new byte[3 * 256 * 1024 + 4321]; // crosses the native buffer several times
        new Random(15).nextBytes(data);
        byte[] expected = MessageDigest.getInstance("SHA-256").digest(data);

        MessageDigest whole = NativeSha256.create();
        assertArrayEquals(expected, whole.digest(data));

        MessageDigest pieces = NativeSha256.create();
        Random sizes = new Random(7);
        int at = 0;
        while (at < data.length) {
            if (sizes.nextInt(10) == 0) {
                pieces.update(data[at++]);
                continue;
            }
            int length = Math.min(data.length - at, sizes.nextInt(300_000));
            pieces.update(data, at, length);
            at += length;
        }
        assertArrayEquals(expected, pieces.digest());
        // digest() resets: the same object hashes the next content from the start
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                HexFormat.of().formatHex(pieces.digest()));
    }
}
