package io.berth.runtime.image;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Counts the bytes read and fails once they pass a cap: the guard against decompression bombs. */
final class LimitedInputStream extends FilterInputStream {
    private final long maxBytes;
    private long count;

    LimitedInputStream(InputStream in, long maxBytes) {
        super(in);
        this.maxBytes = maxBytes;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            add(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            add(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Read rather than skip, so that what is skipped is counted (and digested upstream).
        byte[] buffer = new byte[8192];
        long skipped = 0;
        while (skipped < n) {
            int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void add(long n) throws LayerTooLargeException {
        count += n;
        if (count > maxBytes) {
            throw new LayerTooLargeException("uncompressed layer is larger than the limit of " + maxBytes + " bytes");
        }
    }

    long count() {
        return count;
    }

    static final class LayerTooLargeException extends IOException {
        LayerTooLargeException(String message) {
            super(message);
        }
    }
}
