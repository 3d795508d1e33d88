package io.berth.engine.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DependencyGraphTest {
    private final DependencyGraph graph = DependencyGraph.of(Map.of(
            "web", Set.of("api", "cache"),
            "api", Set.of("db"),
            "cache", Set.of(),
            "db", Set.of(),
            "worker", Set.of("db")));

    @Test
    void orderPutsDependenciesFirstAndBreaksTiesByName() {
        assertEquals(List.of("cache", "db", "api", "web", "worker"), graph.order());
    }

    @Test
    void reversedOrderStopsDependentsFirst() {
        assertEquals(List.of("web", "api", "cache", "worker", "db"), graph.reversed().order());
    }

    @Test
    void withDependenciesIsTransitive() {
        assertEquals(Set.of("web", "api", "cache", "db"), graph.withDependencies(Set.of("web")));
    }

    @Test
    void cycleIsReportedWithItsPath() {
        DependencyCycleException cycle = assertThrows(DependencyCycleException.class, () -> DependencyGraph.of(Map.of(
                "a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of())));
        assertEquals("dependency cycle: a -> b -> c -> a", cycle.getMessage());
    }

    @Test
    void selfDependencyIsACycle() {
        assertTrue(assertThrows(DependencyCycleException.class, () -> DependencyGraph.of(Map.of("a", Set.of("a"))))
                .path().equals(List.of("a", "a")));
    }

    @Test
    void undefinedDependencyIsNamed() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> DependencyGraph.of(Map.of("web", Set.of("dbb"))));
        assertEquals("web depends on dbb, which is not defined", error.getMessage());
    }
}
