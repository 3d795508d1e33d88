package io.berth.engine.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ParallelWalkerTest {
    private static DependencyGraph independent(int count) {
        Map<String, Set<String>> edges = new HashMap<>();
        for (int index = 0; index < count; index++) {
            edges.put(String.format("s%02d", index), Set.of());
        }
        return DependencyGraph.of(edges);
    }

    @Test
    void neverRunsMoreThanTheLimitAtOnce() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        ParallelWalker.Result result = ParallelWalker.walk(independent(12), 3, node -> {
            peak.accumulateAndGet(running.incrementAndGet(), Math::max);
            Thread.sleep(20);
            running.decrementAndGet();
        });
        assertTrue(result.succeeded());
        assertEquals(12, result.completed().size());
        assertEquals(3, peak.get());
    }

    @Test
    void runsEachNodeAfterItsDependencies() {
        DependencyGraph graph = DependencyGraph.of(Map.of("web", Set.of("api"), "api", Set.of("db"), "db", Set.of(),
                "cache", Set.of()));
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        ParallelWalker.walk(graph, 4, seen::add);
        assertTrue(seen.indexOf("db") < seen.indexOf("api"));
        assertTrue(seen.indexOf("api") < seen.indexOf("web"));
    }

    @Test
    void withOneThreadTheOrderIsTheGraphOrder() {
        DependencyGraph graph = DependencyGraph.of(Map.of("web", Set.of("api"), "api", Set.of("db"), "db", Set.of(),
                "cache", Set.of()));
        List<String> seen = new ArrayList<>();
        ParallelWalker.walk(graph, 1, seen::add);
        assertEquals(graph.order(), seen);
    }

    @Test
    void startsNothingNewAfterTheFirstFailure() {
        DependencyGraph graph = DependencyGraph.of(Map.of("a", Set.of(), "b", Set.of("a"), "c", Set.of(), "d", Set.of()));
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        ParallelWalker.Result result = ParallelWalker.walk(graph, 1, node -> {
            seen.add(node);
            if (node.equals("a")) {
                throw new IllegalStateException("a failed");
            }
        });
        assertFalse(result.succeeded());
        assertEquals(List.of("a"), seen);
        assertEquals("a failed", result.failures().get("a").getMessage());
        assertEquals(List.of("b", "c", "d"), result.skipped());
    }
}
