package io.berth.runtime.copy;

import java.io.IOException;
import java.io.InputStream;

/**
 * Exactly {@code length} bytes of a file that may change while it is read (a running container
 * writes it): cut when it grew, zeros when it shrank, so the tar entry's size stays true.
 */
final class ExactLengthInput extends InputStream {
    private final InputStream in;
    private long remaining;

    ExactLengthInput(InputStream in, long length) {
        this.in = in;
        this.remaining = length;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (remaining <= 0) {
            return -1;
        }
        int wanted = (int) Math.min(length, remaining);
        int got = in.read(buffer, offset, wanted);
        if (got < 0) {
            java.util.Arrays.fill(buffer, offset, offset + wanted, (byte) 0);
            got = wanted;
        }
        remaining -= got;
        return got;
    }
}
