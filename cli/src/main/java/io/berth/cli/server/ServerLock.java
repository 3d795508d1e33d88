package io.berth.cli.server;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One CLI server per run root: a lock on {@code cli-server.lock}. A server that steps aside
 * releases it before it has finished its last requests, so a new one may wait for it a little;
 * while it waits, a socket that answers means another server took over, and it leaves.
 */
final class ServerLock {
    private static final long WAIT_MILLIS = 10_000;
    private final FileChannel channel;
    private final FileLock lock;

    private ServerLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock, or null when another server has it and answers. */
    static ServerLock acquire(Path lockFile, Path socket) throws IOException {
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return new ServerLock(channel, lock);
            }
            if (answers(socket)) {
                break;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                break;
            }
        }
        channel.close();
        return null;
    }

    /** Whether no server holds the lock (checked by taking it for a moment). */
    static boolean isFree(Path lockFile) throws IOException {
        if (!java.nio.file.Files.exists(lockFile)) {
            return true;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            return lock != null;
        }
    }

    private static boolean answers(Path socket) {
        try (SocketChannel ignored = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    void release() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // released when the process exits anyway
        }
    }
}
