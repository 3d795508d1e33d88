package io.berth.runtime.build.exec;

import io.berth.runtime.Digest;
import io.berth.runtime.build.plan.RunMount;
import io.berth.runtime.image.FileTrees;
import io.berth.runtime.volume.CopyUp;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The directories of RUN --mount=type=cache under {@code <builder>/cache-mounts/}, one per id
 * (and per {@code from} source), with BuildKit's sharing modes: {@code shared} lets every step use
 * it at once; {@code locked} makes a step wait until no other step (of any build on this host)
 * holds it; {@code private} gives a step an instance no other step holds, making a new one
 * ({@code <dir>-1}, {@code -2}...) when all are in use. Holding is a lock on {@code <dir>.lock}
 * (between processes) and a lock of this JVM (between the stages of one build), both released when
 * the lease closes, after the step.
 */
final class CacheMountDirs {
    private static final Map<Path, ReentrantLock> IN_THIS_JVM = new ConcurrentHashMap<>();

    private CacheMountDirs() {
    }

    /** A cache directory held for one step. */
    record Lease(Path dir, ReentrantLock jvmLock, FileChannel channel, FileLock fileLock) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            try {
                if (fileLock != null) {
                    fileLock.release();
                }
                if (channel != null) {
                    channel.close();
                }
            } finally {
                if (jvmLock != null) {
                    jvmLock.unlock();
                }
            }
        }
    }

    /** What a new cache directory starts as: its owner and mode, and content copied from {@code seed} (or none). */
    record Initial(Optional<Integer> uid, Optional<Integer> gid, Optional<Integer> mode, Path seed) {
    }

    static Lease acquire(Path mountsDir, String key, RunMount.Sharing sharing, Initial initial) throws IOException {
        Path base = mountsDir.resolve(Digest.sha256(key.getBytes(StandardCharsets.UTF_8)).hex());
        Files.createDirectories(mountsDir);
        Lease lease = switch (sharing == null ? RunMount.Sharing.SHARED : sharing) {
            case SHARED -> new Lease(base, null, null, null);
            case LOCKED -> hold(base, true);
            case PRIVATE -> {
                Lease free = null;
                for (int instance = 0; free == null; instance++) {
                    free = hold(instance == 0 ? base : base.resolveSibling(base.getFileName() + "-" + instance), false);
                }
                yield free;
            }
        };
        try {
            create(lease.dir(), initial);
            return lease;
        } catch (IOException | RuntimeException e) {
            lease.close();
            throw e;
        }
    }

    /** Holds {@code dir}: waiting for it, or (not waiting) null when another step holds it. */
    private static Lease hold(Path dir, boolean wait) throws IOException {
        ReentrantLock jvmLock = IN_THIS_JVM.computeIfAbsent(dir, key -> new ReentrantLock());
        if (wait) {
            jvmLock.lock();
        } else if (!jvmLock.tryLock()) {
            return null;
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(dir.resolveSibling(dir.getFileName() + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock fileLock = wait ? channel.lock() : channel.tryLock();
            if (fileLock == null) {
                channel.close();
                jvmLock.unlock();
                return null;
            }
            return new Lease(dir, jvmLock, channel, fileLock);
        } catch (IOException | OverlappingFileLockException e) {
            if (channel != null) {
                channel.close();
            }
            jvmLock.unlock();
            throw e instanceof IOException io ? io : new IOException("lock the cache mount " + dir, e);
        }
    }

    /** Makes {@code dir} complete or not at all: prepared beside it, then renamed into place. */
    private static void create(Path dir, Initial initial) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Path temp = Files.createTempDirectory(dir.getParent(), ".new-");
        try {
            Files.setAttribute(temp, "unix:mode", initial.mode().orElse(0755));
            if (initial.uid().isPresent() || initial.gid().isPresent()) {
                Files.setAttribute(temp, "unix:uid", initial.uid().orElse(0));
                Files.setAttribute(temp, "unix:gid", initial.gid().orElse(0));
            }
            if (initial.seed() != null) {
                CopyUp.fillIfEmpty(initial.seed(), temp);
            }
            Files.move(temp, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (java.nio.file.FileSystemException raced) {
            if (!Files.isDirectory(dir)) {
                throw raced;
            }
            // another step made it meanwhile: use theirs
        } finally {
            if (Files.exists(temp)) {
                FileTrees.deleteRecursively(temp);
            }
        }
    }
}
