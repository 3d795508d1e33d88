package io.berth.runtime.image;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveStructSparse;

/**
 * Writes a sparse tar entry as a sparse file: only its data regions are written, at their offsets;
 * the holes are skipped in the (expanded) entry stream and left unallocated, as GNU tar does.
 */
final class SparseFiles {
    private SparseFiles() {
    }

    static void write(Path path, TarArchiveEntry entry, InputStream content) throws IOException {
        long position = 0;
        byte[] buffer = new byte[64 * 1024];
        try (FileChannel out = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (TarArchiveStructSparse region : entry.getOrderedSparseHeaders()) {
                if (region.getNumbytes() == 0) {
                    continue;
                }
                skipFully(content, region.getOffset() - position, buffer);
                long left = region.getNumbytes();
                long at = region.getOffset();
                while (left > 0) {
                    int read = content.read(buffer, 0, (int) Math.min(buffer.length, left));
                    if (read < 0) {
                        throw new EOFException("sparse entry ends inside a data region");
                    }
                    ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, read);
                    while (bytes.hasRemaining()) {
                        at += out.write(bytes, at);
                    }
                    left -= read;
                }
                position = region.getOffset() + region.getNumbytes();
            }
        }
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
            file.setLength(entry.getRealSize()); // a trailing hole
        }
    }

    /** Skips a hole: cheap in the sparse entry's stream, read through only if it will not skip. */
    private static void skipFully(InputStream content, long count, byte[] buffer) throws IOException {
        if (count < 0) {
            throw new IOException("sparse map goes backwards");
        }
        while (count > 0) {
            long skipped = content.skip(count);
            if (skipped <= 0) {
                int read = content.read(buffer, 0, (int) Math.min(buffer.length, count));
                if (read < 0) {
                    throw new EOFException("sparse entry ends inside a hole");
                }
                skipped = read;
            }
            count -= skipped;
        }
    }
}
