package io.berth.runtime.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;

/** A run of bytes copied and hashed on the way: how a layer tar is rebuilt or its blob copied. */
final class HashedCopy {
    private HashedCopy() {
    }

    /**
     * Copies up to {@code length} bytes of {@code in} to {@code out} through {@code buffer}, each
     * added to {@code sha}; returns how many were copied (fewer only when {@code in} ended first:
     * what that means is the caller's to say).
     */
    static long copy(InputStream in, long length, byte[] buffer, MessageDigest sha, OutputStream out)
            throws IOException {
        long left = length;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                break;
            }
            sha.update(buffer, 0, n);
            out.write(buffer, 0, n);
            left -= n;
        }
        return length - left;
    }
}
