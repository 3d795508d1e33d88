package io.berth.runtime.linux;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Java streams over a descriptor given as an int (one received over a socket): java.io cannot
 * make a FileDescriptor from a number without opening java.base's internals. Failures are
 * IOExceptions, as stream users expect (a closed pipe: EPIPE). They never close the descriptor.
 */
public final class FdStreams {
    private FdStreams() {
    }

    public static OutputStream output(int fd) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                try {
                    FdCalls.writeAll(fd, offset == 0 && length == bytes.length ? bytes
                            : java.util.Arrays.copyOfRange(bytes, offset, offset + length));
                } catch (LinuxException e) {
                    throw new IOException(e.getMessage(), e);
                }
            }
        };
    }

    public static InputStream input(int fd) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (length == 0) {
                    return 0;
                }
                try {
                    byte[] chunk = FdCalls.read(fd, length);
                    if (chunk.length == 0) {
                        return -1;
                    }
                    System.arraycopy(chunk, 0, buffer, offset, chunk.length);
                    return chunk.length;
                } catch (LinuxException e) {
                    throw new IOException(e.getMessage(), e);
                }
            }
        };
    }

    public static boolean isTerminal(int fd) {
        return Terminals.isTerminal(fd);
    }
}
