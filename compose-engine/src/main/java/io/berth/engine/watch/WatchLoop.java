package io.berth.engine.watch;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** The loop of a watch: wait for a batch of changes, hand it on, again, until closed. */
public final class WatchLoop implements AutoCloseable {
    private final List<CompiledRule> rules;
    private final Consumer<Collection<Path>> apply;
    private final Consumer<String> out;
    private volatile boolean closed;
    private volatile Thread runner;

    public WatchLoop(List<CompiledRule> rules, Consumer<Collection<Path>> apply, Consumer<String> out) {
        this.rules = rules;
        this.apply = apply;
        this.out = out;
    }

    public void run(Duration quiet, Duration longest) throws IOException, InterruptedException {
        List<Path> roots = new ArrayList<>();
        rules.forEach(rule -> roots.add(rule.rule().path()));
        runner = Thread.currentThread();
        try (TreeWatcher watcher = new TreeWatcher(roots, directory -> rules.stream()
                .filter(rule -> directory.startsWith(rule.rule().path()))
                .allMatch(rule -> rule.skipsDirectory(directory)))) {
            out.accept("Watch enabled");
            while (!closed) {
                Set<Path> batch;
                try {
                    batch = watcher.nextBatch(quiet, longest);
                } catch (InterruptedException stop) {
                    if (closed) {
                        break;
                    }
                    throw stop;
                }
                try {
                    apply.accept(batch);
                } catch (RuntimeException failure) {
                    // as Compose: a failed batch is reported and the watch goes on
                    out.accept("Error handling changed files: " + failure.getMessage());
                }
            }
        } finally {
            out.accept("Watch disabled");
        }
    }

    @Override
    public void close() {
        closed = true;
        Thread running = runner;
        if (running != null) {
            running.interrupt();
        }
    }
}
