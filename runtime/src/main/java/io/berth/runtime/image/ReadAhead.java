package io.berth.runtime.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads a stream on a thread of its own, a few chunks ahead of the reader: the blob's read, hash
 * and copy (a {@link TeeInputStream} below) run on one core while the reader decompresses and
 * unpacks on the other. Memory is bounded: at most {@code depth} chunks wait. An error of the
 * source reaches the reader at the point where the data stops; {@link #close} stops the thread.
 */
final class ReadAhead extends InputStream {
    private static final byte[] END = new byte[0];
    private final BlockingQueue<Object> chunks;
    private final Thread thread;
    private volatile boolean closed;
    private byte[] current = new byte[0];
    private int length;
    private int position;
    private boolean ended;
    private boolean reachedEnd;

    private ReadAhead(InputStream source, int chunkSize, int depth) {
        this.chunks = new ArrayBlockingQueue<>(depth);
        this.thread = new Thread(() -> pump(source, chunkSize), "berth-read-ahead");
        thread.setDaemon(true);
    }

    static ReadAhead start(InputStream source, int chunkSize, int depth) {
        ReadAhead ahead = new ReadAhead(source, chunkSize, depth);
        ahead.thread.start();
        return ahead;
    }

    private record Chunk(byte[] bytes, int length) {
    }

    private void pump(InputStream source, int chunkSize) {
        try {
            while (!closed) {
                // Filled whole: a network stream gives a few KiB per read, and a chunk per read
                // allocated and cleared gigabytes for a 183 MB layer.
                byte[] chunk = new byte[chunkSize];
                int n = source.readNBytes(chunk, 0, chunkSize);
                if (n > 0) {
                    offer(new Chunk(chunk, n));
                }
                if (n < chunkSize) {
                    offer(END);
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            try {
                offer(e);
            } catch (InterruptedException stopped) {
                // the reader is gone; nobody wants the error
            }
        } catch (InterruptedException stopped) {
            // closed by the reader
        }
    }

    private void offer(Object item) throws InterruptedException {
        while (!chunks.offer(item, 100, TimeUnit.MILLISECONDS)) {
            if (closed) {
                throw new InterruptedException("closed");
            }
        }
    }

    private boolean fill() throws IOException {
        if (ended) {
            return false;
        }
        Object item;
        try {
            item = chunks.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading ahead");
        }
        if (item == END) {
            ended = true;
            reachedEnd = true;
            return false;
        }
        if (item instanceof IOException e) {
            ended = true;
            throw e;
        }
        if (item instanceof RuntimeException e) {
            ended = true;
            throw e;
        }
        Chunk chunk = (Chunk) item;
        current = chunk.bytes();
        length = chunk.length();
        position = 0;
        return true;
    }

    @Override
    public int read() throws IOException {
        if (position == length && !fill()) {
            return -1;
        }
        return current[position++] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int count) throws IOException {
        if (count == 0) {
            return 0;
        }
        if (position == length && !fill()) {
            return -1;
        }
        int n = Math.min(count, length - position);
        System.arraycopy(current, position, buffer, offset, n);
        position += n;
        return n;
    }

    /** True once the source's end was reached without an error: every byte of it was read. */
    boolean readWhole() {
        return reachedEnd;
    }

    /** Reads to the end: afterwards the source has been read whole (and the thread has ended). */
    void drain() throws IOException {
        while (position < length || fill()) {
            position = length;
        }
    }

    /** Stops the thread (when the reader gave up early); the source itself is the caller's to close. */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(1000); // a source blocked in a read ends when its owner closes it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
