package io.berth.runtime.image.registry;

import java.io.IOException;
import java.io.InputStream;

/**
 * A blob download that survives dropped connections: when reading fails, or the body ends
 * before its Content-Length, the blob is asked for again from where it stopped (a Range
 * request; a registry that answers 200 instead is read past what was already had), at most
 * {@link #RETRIES} times. The caller still checks the digest of the whole.
 */
final class ResumingBlobStream extends InputStream {
    static final int RETRIES = 3;

    /** Opens the blob from {@code offset} (0: the whole); the body positioned at offset, and its total length (-1 unknown). */
    interface Opener {
        Opened open(long offset) throws IOException;
    }

    record Opened(InputStream body, long totalLength) {
    }

    private final Opener opener;
    private final String what;
    private InputStream current;
    private long totalLength;
    private long position;
    private int retriesLeft = RETRIES;

    ResumingBlobStream(Opener opener, String what) throws IOException {
        this.opener = opener;
        this.what = what;
        Opened first = null;
        while (first == null) {
            try {
                first = opener.open(0);
            } catch (RegistryConnectionException e) {
                if (retriesLeft-- <= 0) {
                    throw e;
                }
                pause();
            }
        }
        this.current = first.body();
        this.totalLength = first.totalLength();
    }

    private void pause() throws IOException {
        try {
            Thread.sleep(200L * (RETRIES - retriesLeft)); // a moment for a registry that is restarting
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        while (true) {
            IOException failure;
            try {
                int n = current.read(buffer, offset, length);
                if (n > 0) {
                    position += n;
                    return n;
                }
                if (n == 0) {
                    return 0;
                }
                if (totalLength < 0 || position >= totalLength) {
                    return -1;
                }
                failure = new IOException("connection closed after " + position + " of " + totalLength + " bytes");
            } catch (IOException e) {
                failure = e;
            }
            resume(failure);
        }
    }

    private void resume(IOException failure) throws IOException {
        closeQuietly();
        while (true) {
            if (retriesLeft-- <= 0) {
                throw new RegistryConnectionException(what + ": the download dropped after " + position + " bytes, "
                        + RETRIES + " times resumed: " + failure.getMessage(), failure);
            }
            pause();
            try {
                Opened next = opener.open(position);
                current = next.body();
                if (next.totalLength() >= 0) {
                    totalLength = next.totalLength();
                }
                return;
            } catch (RegistryConnectionException e) {
                failure = e;
            }
        }
    }

    private void closeQuietly() {
        try {
            current.close();
        } catch (IOException ignored) {
            // a dropped connection may fail to close too
        }
    }

    @Override
    public void close() throws IOException {
        current.close();
    }
}
