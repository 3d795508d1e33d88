package io.berth.runtime.image;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;

/**
 * Passes a stream on while hashing it and copying it to {@code copy}: how a layer blob is stored
 * and unpacked in one pass (the blob file is written, never read back). Counts the bytes.
 */
final class TeeInputStream extends FilterInputStream {
    private final MessageDigest sha;
    private final OutputStream copy;
    private long count;

    TeeInputStream(InputStream in, MessageDigest sha, OutputStream copy) {
        super(in);
        this.sha = sha;
        this.copy = copy;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            sha.update((byte) b);
            copy.write(b);
            count++;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n > 0) {
            sha.update(buffer, offset, n);
            copy.write(buffer, offset, n);
            count += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipped bytes must still be hashed and copied.
        byte[] scratch = new byte[(int) Math.min(n, 65536)];
        int read = read(scratch, 0, scratch.length);
        return Math.max(read, 0);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** Reads what is left, so that all of it is hashed and copied. */
    void drain() throws IOException {
        byte[] scratch = new byte[1 << 20];
        while (read(scratch, 0, scratch.length) >= 0) {
            // hashed and copied by read
        }
    }

    long count() {
        return count;
    }
}
