package io.berth.runtime.image.registry;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.function.LongConsumer;

/**
 * Part of a file as a request body of known length, read as it is sent; {@code sent} hears the
 * file offset reached, about every MiB and at the end. Can be sent again (a retry after a 401).
 */
final class FileSlice {
    private static final long REPORT_STEP = 1 << 20;

    private FileSlice() {
    }

    static HttpRequest.BodyPublisher publisher(Path file, long start, long length, LongConsumer sent) {
        return HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofInputStream(() -> open(file, start, length, sent)), length);
    }

    private static InputStream open(Path file, long start, long length, LongConsumer sent) {
        try {
            FileChannel channel = FileChannel.open(file).position(start);
            return new FilterInputStream(Channels.newInputStream(channel)) {
                private long read;
                private long reported;

                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] buffer, int offset, int wanted) throws IOException {
                    if (read >= length) {
                        return -1;
                    }
                    int n = super.read(buffer, offset, (int) Math.min(wanted, length - read));
                    if (n > 0) {
                        read += n;
                        if (read - reported >= REPORT_STEP || read == length) {
                            reported = read;
                            sent.accept(start + read);
                        }
                    }
                    return n;
                }
            };
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
