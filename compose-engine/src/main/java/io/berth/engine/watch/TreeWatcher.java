package io.berth.engine.watch;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileVisitResult;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Watches directory trees for changes with the JDK's WatchService (inotify on Linux: the kernel
 * tells, nothing polls). inotify watches one directory, not a tree, so every directory under a root
 * is registered, and a directory that appears is registered as soon as its creation is seen, its
 * content reported as changed (files written before the registration would be missed otherwise).
 * A root that does not exist yet is waited for through its nearest existing parent; a root that is a
 * file is watched through its directory.
 */
final class TreeWatcher implements AutoCloseable {
    private static final WatchEvent.Kind<?>[] KINDS = {StandardWatchEventKinds.ENTRY_CREATE,
            StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE};
    private final WatchService service;
    private final List<Path> roots;
    private final Predicate<Path> skipDirectory;
    private final Map<WatchKey, Path> keys = new ConcurrentHashMap<>();
    private final BlockingQueue<Path> changes = new LinkedBlockingQueue<>();
    private final Thread reader;

    /** @param skipDirectory directories under a root not worth watching (.git, ignored trees) */
    TreeWatcher(List<Path> roots, Predicate<Path> skipDirectory) throws IOException {
        this.service = FileSystems.getDefault().newWatchService();
        this.roots = List.copyOf(new TreeSet<>(roots));
        this.skipDirectory = skipDirectory;
        for (Path root : this.roots) {
            watchTowards(root, false);
        }
        reader = new Thread(this::read, "berth-watch-events");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Waits for the next change, then gathers changes until none came for {@code quiet} (or
     * {@code longest} passed since the first): one batch, each path once, sorted.
     */
    Set<Path> nextBatch(Duration quiet, Duration longest) throws InterruptedException {
        return gather(changes.take(), quiet, longest);
    }

    /** As {@link #nextBatch}, but empty when no change came within {@code wait}. */
    Set<Path> nextBatch(Duration wait, Duration quiet, Duration longest) throws InterruptedException {
        Path first = changes.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
        return first == null ? Set.of() : gather(first, quiet, longest);
    }

    private Set<Path> gather(Path first, Duration quiet, Duration longest) throws InterruptedException {
        Set<Path> batch = new TreeSet<>();
        batch.add(first);
        long deadline = System.nanoTime() + longest.toNanos();
        while (true) {
            long left = Math.min(quiet.toNanos(), deadline - System.nanoTime());
            Path next = left <= 0 ? null : changes.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) {
                changes.drainTo(batch);
                return batch;
            }
            batch.add(next);
        }
    }

    private void read() {
        try {
            while (true) {
                WatchKey key = service.take();
                Path directory = keys.get(key);
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                        overflowed();
                    } else if (directory != null) {
                        changed(directory.resolve((Path) event.context()), event.kind());
                    }
                }
                if (!key.reset()) {
                    keys.remove(key);
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException closed) {
            // close(): the watch ends
        }
    }

    private void changed(Path path, WatchEvent.Kind<?> kind) {
        if (kind == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            for (Path root : roots) {
                if (root.startsWith(path) && !root.equals(path)) {
                    watchTowards(root, true); // a missing parent of a root appeared: what is in it is new
                }
            }
            if (underRoot(path)) {
                registerTree(path, true);
            }
        }
        if (underRoot(path)) {
            changes.add(path);
        }
    }

    /** The kernel's queue overflowed: events were lost, so every root counts as changed. */
    private void overflowed() {
        changes.addAll(roots);
    }

    private boolean underRoot(Path path) {
        for (Path root : roots) {
            if (path.startsWith(root)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Registers the root's tree, or its nearest existing parent until the root appears.
     * {@code appeared}: the root (or a parent) was just created, so files already in it were made
     * before any watch could see them and are reported as changes.
     */
    private void watchTowards(Path root, boolean appeared) {
        Path existing = Files.exists(root, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(root) ? root.getParent() : root;
        while (existing != null && !Files.isDirectory(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return;
        }
        if (existing.equals(root)) {
            registerTree(root, appeared);
            return;
        }
        register(existing);
        // The next level towards the root may have been made between the look and the registration:
        // its creation came before the watch and will never be reported, so look again from there.
        Path next = existing.resolve(existing.relativize(root).getName(0));
        if (Files.isDirectory(next, LinkOption.NOFOLLOW_LINKS)) {
            watchTowards(root, true);
        }
    }

    private void registerTree(Path top, boolean reportContent) {
        try {
            Files.walkFileTree(top, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) {
                    if (!directory.equals(top) && skipDirectory.test(directory)) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    register(directory);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (reportContent) {
                        changes.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException gone) {
                    return FileVisitResult.CONTINUE; // removed while walking: its deletion is reported too
                }
            });
        } catch (IOException gone) {
            // the top itself went away: its parent's watch reports it
        }
    }

    private void register(Path directory) {
        try {
            keys.put(directory.register(service, KINDS), directory);
        } catch (IOException gone) {
            // removed meanwhile
        }
    }

    /** The directories watched, for tests and messages. */
    List<Path> watched() {
        return new ArrayList<>(new TreeSet<>(keys.values()));
    }

    @Override
    public void close() {
        reader.interrupt();
        try {
            service.close();
        } catch (IOException ignored) {
            // nothing is left to release
        }
    }
}
