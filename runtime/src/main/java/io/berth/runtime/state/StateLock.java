package io.berth.runtime.state;

import io.berth.runtime.RuntimeOperationException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The one lock around Berth's read-modify-write of state, exclusive between threads and
 * processes: an in-JVM lock per path first (a JVM may hold a file lock only once), then an
 * flock-style lock on the file. Reentrant: a thread that holds it may take it again (only the
 * outermost hold locks the file). Used by the image store, network and volume state and host-wide
 * network choices.
 */
public final class StateLock implements AutoCloseable {
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_JVM = new ConcurrentHashMap<>();

    private final ReentrantLock threadLock;
    private final FileChannel channel;
    private final FileLock fileLock;

    private StateLock(ReentrantLock threadLock, FileChannel channel, FileLock fileLock) {
        this.threadLock = threadLock;
        this.channel = channel;
        this.fileLock = fileLock;
    }

    /** Waits for the lock of {@code lockFile} (created with its directories if missing). */
    public static StateLock acquire(Path lockFile) throws IOException {
        Path key = lockFile.toAbsolutePath().normalize();
        ReentrantLock threadLock = IN_JVM.computeIfAbsent(key, k -> new ReentrantLock());
        threadLock.lock();
        if (threadLock.getHoldCount() > 1) {
            return new StateLock(threadLock, null, null);
        }
        FileChannel channel = null;
        try {
            Files.createDirectories(key.getParent());
            channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            return new StateLock(threadLock, channel, channel.lock());
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            threadLock.unlock();
            throw e;
        }
    }

    /** Runs {@code action} holding the lock; a failure to lock is a RuntimeOperationException naming the file. */
    public static <T> T with(Path lockFile, Supplier<T> action) {
        StateLock lock;
        try {
            lock = acquire(lockFile);
        } catch (IOException e) {
            throw new RuntimeOperationException(RuntimeOperationException.Kind.FAILED,
                    "lock " + lockFile.toAbsolutePath().normalize() + ": " + e.getMessage(), e);
        }
        try (lock) {
            return action.get();
        }
    }

    public static void run(Path lockFile, Runnable action) {
        with(lockFile, () -> {
            action.run();
            return null;
        });
    }

    @Override
    public void close() {
        try {
            if (fileLock != null) {
                fileLock.release();
                channel.close();
            }
        } catch (IOException e) {
            // closing the channel releases the lock whatever release() said
        } finally {
            threadLock.unlock();
        }
    }
}
