package io.berth.runtime.network;

import io.berth.runtime.RuntimeOperationException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * An exclusive lock shared by threads and processes: an in-JVM lock per path (a JVM may hold a
 * file lock only once) around an flock-style lock on the file. Used around every
 * read-modify-write of network and volume state, and around host-wide choices (subnets, ports).
 */
public final class FileLock {
    /** Host-wide: choosing subnets and changing netfilter rules, whatever the state root. */
    public static final Path HOST_NETWORK_LOCK = Path.of("/run/lock/berth-network.lock");

    private static final ConcurrentHashMap<Path, ReentrantLock> IN_JVM = new ConcurrentHashMap<>();

    private FileLock() {
    }

    public static <T> T with(Path lockFile, Supplier<T> action) {
        Path key = lockFile.toAbsolutePath().normalize();
        ReentrantLock jvmLock = IN_JVM.computeIfAbsent(key, k -> new ReentrantLock());
        jvmLock.lock();
        try {
            if (jvmLock.getHoldCount() > 1) {
                return action.get();
            }
            Files.createDirectories(key.getParent());
            try (FileChannel channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 java.nio.channels.FileLock ignored = channel.lock()) {
                return action.get();
            }
        } catch (IOException e) {
            throw new RuntimeOperationException(RuntimeOperationException.Kind.FAILED,
                    "lock " + key + ": " + e.getMessage(), e);
        } finally {
            jvmLock.unlock();
        }
    }

    public static void run(Path lockFile, Runnable action) {
        with(lockFile, () -> {
            action.run();
            return null;
        });
    }
}
