package io.berth.engine.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A directed acyclic graph of named nodes: an edge a -> b means "a depends on b" (b first).
 * Built once, checked for cycles at construction, iterated in a fixed (name) order.
 */
public final class DependencyGraph {
    private final SortedMap<String, SortedSet<String>> dependencies;
    private final SortedMap<String, SortedSet<String>> dependents;

    private DependencyGraph(SortedMap<String, SortedSet<String>> dependencies) {
        this.dependencies = dependencies;
        this.dependents = new TreeMap<>();
        dependencies.keySet().forEach(node -> dependents.put(node, new TreeSet<>()));
        dependencies.forEach((node, deps) -> deps.forEach(dep -> dependents.get(dep).add(node)));
        List<String> cycle = findCycle();
        if (!cycle.isEmpty()) {
            throw new DependencyCycleException(cycle);
        }
    }

    /**
     * @param dependencies node to the nodes it depends on; every node must be a key, and every
     *                     dependency a node (else IllegalArgumentException naming both)
     */
    public static DependencyGraph of(Map<String, ? extends Set<String>> dependencies) {
        SortedMap<String, SortedSet<String>> copy = new TreeMap<>();
        dependencies.forEach((node, deps) -> copy.put(node, new TreeSet<>(deps)));
        copy.forEach((node, deps) -> deps.forEach(dep -> {
            if (!copy.containsKey(dep)) {
                throw new IllegalArgumentException(node + " depends on " + dep + ", which is not defined");
            }
        }));
        return new DependencyGraph(copy);
    }

    public SortedSet<String> nodes() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(dependencies.keySet()));
    }

    public SortedSet<String> dependenciesOf(String node) {
        return Collections.unmodifiableSortedSet(dependencies.getOrDefault(node, new TreeSet<>()));
    }

    public SortedSet<String> dependentsOf(String node) {
        return Collections.unmodifiableSortedSet(dependents.getOrDefault(node, new TreeSet<>()));
    }

    /** The graph with every edge turned round: the order to stop things in. */
    public DependencyGraph reversed() {
        return new DependencyGraph(deepCopy(dependents));
    }

    /** The given nodes and everything they depend on, transitively. */
    public SortedSet<String> withDependencies(Set<String> roots) {
        SortedSet<String> seen = new TreeSet<>();
        List<String> todo = new ArrayList<>(roots);
        while (!todo.isEmpty()) {
            String node = todo.remove(todo.size() - 1);
            if (seen.add(node)) {
                todo.addAll(dependenciesOf(node));
            }
        }
        return seen;
    }

    /** Kahn's algorithm with a ready queue sorted by name: deterministic for plans and output. */
    public List<String> order() {
        List<String> order = new ArrayList<>();
        Map<String, Integer> waiting = new TreeMap<>();
        dependencies.forEach((node, deps) -> waiting.put(node, deps.size()));
        TreeSet<String> ready = new TreeSet<>();
        waiting.forEach((node, count) -> {
            if (count == 0) {
                ready.add(node);
            }
        });
        while (!ready.isEmpty()) {
            String node = ready.pollFirst();
            order.add(node);
            for (String dependent : dependents.get(node)) {
                if (waiting.merge(dependent, -1, Integer::sum) == 0) {
                    ready.add(dependent);
                }
            }
        }
        return order;
    }

    private List<String> findCycle() {
        Map<String, Integer> colour = new TreeMap<>(); // absent: unvisited, 1: on stack, 2: done
        for (String start : dependencies.keySet()) {
            List<String> stack = new ArrayList<>();
            List<String> cycle = visit(start, colour, stack);
            if (!cycle.isEmpty()) {
                return cycle;
            }
        }
        return List.of();
    }

    private List<String> visit(String node, Map<String, Integer> colour, List<String> stack) {
        Integer state = colour.get(node);
        if (state != null && state == 2) {
            return List.of();
        }
        if (state != null) {
            List<String> cycle = new ArrayList<>(stack.subList(stack.indexOf(node), stack.size()));
            cycle.add(node);
            return cycle;
        }
        colour.put(node, 1);
        stack.add(node);
        for (String dep : dependencies.get(node)) {
            List<String> cycle = visit(dep, colour, stack);
            if (!cycle.isEmpty()) {
                return cycle;
            }
        }
        stack.remove(stack.size() - 1);
        colour.put(node, 2);
        return List.of();
    }

    private static SortedMap<String, SortedSet<String>> deepCopy(SortedMap<String, SortedSet<String>> map) {
        SortedMap<String, SortedSet<String>> copy = new TreeMap<>();
        map.forEach((key, value) -> copy.put(key, new TreeSet<>(value)));
        return copy;
    }
}
