package io.berth.runtime.linux;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

/**
 * {@link NativeGunzip}'s check at load: a stream made by Java's gzip must come back whole, or the
 * library (another ISA-L whose state begins differently) is not used.
 */
final class GunzipSelfTest {
    interface Opener {
        InputStream open(InputStream gzip) throws IOException;
    }

    private GunzipSelfTest() {
    }

    static boolean passes(Opener opener) {
        try {
            byte[] plain = new byte[300_000];
            for (int i = 0; i < plain.length; i++) {
                plain[i] = (byte) (i * 31 + (i >> 7));
            }
            ByteArrayOutputStream zipped = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
                gz.write(plain);
            }
            try (InputStream back = opener.open(new ByteArrayInputStream(zipped.toByteArray()))) {
                return Arrays.equals(plain, back.readAllBytes());
            }
        } catch (IOException | RuntimeException | LinkageError e) {
            return false;
        }
    }
}
