package io.berth.engine.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a task per node of a graph, each after all of its dependencies, on a fixed pool of
 * {@code parallelism} threads. The ready queue is sorted by name so that, with one thread, the
 * order is the graph's {@link DependencyGraph#order()}. After the first failure no new task is
 * started; the ones running are waited for.
 */
public final class ParallelWalker {
    /** The work for one node. */
    @FunctionalInterface
    public interface NodeTask {
        void run(String node) throws Exception;
    }

    /** What happened: nodes done in completion order, failures by node, nodes never started. */
    public record Result(List<String> completed, SortedMap<String, Throwable> failures, List<String> skipped) {
        public boolean succeeded() {
            return failures.isEmpty();
        }
    }

    private ParallelWalker() {
    }

    /** @param parallelism at most this many tasks at once; 0 or less: no limit */
    public static Result walk(DependencyGraph graph, int parallelism, NodeTask task) {
        int nodeCount = graph.nodes().size();
        if (nodeCount == 0) {
            return new Result(List.of(), new TreeMap<>(), List.of());
        }
        int threads = parallelism <= 0 ? nodeCount : Math.min(parallelism, nodeCount);
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "berth-walker");
            thread.setDaemon(true);
            return thread;
        });
        try {
            return run(graph, threads, task, pool);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Result run(DependencyGraph graph, int threads, NodeTask task, ExecutorService pool) {
        CompletionService<String> done = new ExecutorCompletionService<>(pool);
        Map<String, Integer> waiting = new TreeMap<>();
        TreeSet<String> ready = new TreeSet<>();
        for (String node : graph.nodes()) {
            int count = graph.dependenciesOf(node).size();
            waiting.put(node, count);
            if (count == 0) {
                ready.add(node);
            }
        }
        List<String> completed = new ArrayList<>();
        SortedMap<String, Throwable> failures = new TreeMap<>();
        Map<Future<String>, String> running = new java.util.HashMap<>();
        while (true) {
            while (failures.isEmpty() && running.size() < threads && !ready.isEmpty()) {
                String node = ready.pollFirst();
                running.put(done.submit(() -> {
                    task.run(node);
                    return node;
                }), node);
            }
            if (running.isEmpty()) {
                break;
            }
            Future<String> finished = take(done);
            String node = running.remove(finished);
            try {
                finished.get();
                completed.add(node);
                for (String dependent : graph.dependentsOf(node)) {
                    if (waiting.merge(dependent, -1, Integer::sum) == 0) {
                        ready.add(dependent);
                    }
                }
            } catch (ExecutionException failure) {
                failures.put(node, failure.getCause());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                failures.put(node, interrupted);
            }
        }
        List<String> skipped = new ArrayList<>(graph.nodes());
        skipped.removeAll(completed);
        skipped.removeAll(failures.keySet());
        return new Result(List.copyOf(completed), failures, List.copyOf(skipped));
    }

    private static Future<String> take(CompletionService<String> done) {
        try {
            return done.take();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for work to finish", interrupted);
        }
    }
}
