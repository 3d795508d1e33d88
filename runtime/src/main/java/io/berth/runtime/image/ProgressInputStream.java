package io.berth.runtime.image;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;

/** Reports the bytes read so far, about every MiB, for a download's progress line. */
final class ProgressInputStream extends FilterInputStream {
    private static final long STEP = 1 << 20;
    private final LongConsumer listener;
    private long count;
    private long reported;

    ProgressInputStream(InputStream in, LongConsumer listener) {
        super(in);
        this.listener = listener;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            advance(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            advance(n);
        }
        return n;
    }

    private void advance(long n) {
        count += n;
        if (count - reported >= STEP) {
            reported = count;
            listener.accept(count);
        }
    }
}
