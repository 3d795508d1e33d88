package io.berth.engine.watch;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tree watcher sees writes, deletions and what appears in new directories, and waits for a missing root. */
class TreeWatcherTest {
    private static final Duration QUIET = Duration.ofMillis(50);
    private static final Duration LONGEST = Duration.ofSeconds(1);

    @TempDir
    Path tree;

    /** Batches until {@code expected} were all seen (a loaded machine may split them), at most 20 s. */
    private static Set<Path> collect(TreeWatcher watcher, Set<Path> expected) throws InterruptedException {
        Set<Path> seen = new HashSet<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!seen.containsAll(expected) && System.nanoTime() < deadline) {
            seen.addAll(watcher.nextBatch(Duration.ofSeconds(1), QUIET, LONGEST)); // never blocks past the deadline
        }
        return seen;
    }

    @Test
    void reportsChangesDeeplyIncludingNewDirectoriesAndSkipsWhatItIsTold() throws Exception {
        Path src = Files.createDirectories(tree.resolve("src/lib"));
        Files.createDirectories(tree.resolve("src/.git"));
        try (TreeWatcher watcher = new TreeWatcher(java.util.List.of(tree.resolve("src")),
                directory -> directory.getFileName().toString().equals(".git"))) {
            assertTrue(watcher.watched().contains(src), "nested directories are watched");
            assertTrue(watcher.watched().stream().noneMatch(path -> path.endsWith(".git")), ".git is not watched");
            Files.writeString(src.resolve("a.txt"), "1");
            Path deep = Files.createDirectories(tree.resolve("src/new/deeper"));
            Files.writeString(deep.resolve("b.txt"), "2");
            Set<Path> seen = collect(watcher, Set.of(src.resolve("a.txt"), deep.resolve("b.txt")));
            assertTrue(seen.contains(src.resolve("a.txt")) && seen.contains(deep.resolve("b.txt")), seen.toString());

            Files.delete(src.resolve("a.txt"));
            assertTrue(collect(watcher, Set.of(src.resolve("a.txt"))).contains(src.resolve("a.txt")), "deletions are changes");
        }
    }

    @Test
    void aRootThatAppearsLaterIsWatchedFromThen() throws Exception {
        Path root = tree.resolve("later/src");
        try (TreeWatcher watcher = new TreeWatcher(java.util.List.of(root), directory -> false)) {
            Files.createDirectories(root);
            Files.writeString(root.resolve("c.txt"), "3");
            Set<Path> seen = collect(watcher, Set.of(root.resolve("c.txt")));
            assertTrue(seen.contains(root.resolve("c.txt")), seen.toString());
        }
    }
}
