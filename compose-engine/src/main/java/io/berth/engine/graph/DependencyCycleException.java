package io.berth.engine.graph;

import java.util.List;

/** The graph has a cycle; {@link #path()} names it from start back to start ("a -> b -> a"). */
public final class DependencyCycleException extends RuntimeException {
    private final List<String> path;

    public DependencyCycleException(List<String> path) {
        super("dependency cycle: " + String.join(" -> ", path));
        this.path = List.copyOf(path);
    }

    public List<String> path() {
        return path;
    }
}
