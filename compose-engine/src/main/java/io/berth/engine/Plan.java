package io.berth.engine;

import io.berth.engine.graph.DependencyGraph;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What to do, in steps numbered in a valid order (each step follows only lower numbers), each
 * naming its cause, and the warnings found on the way (orphans, optional dependencies missing).
 */
public record Plan(List<PlanStep> steps, List<String> warnings) {
    public Plan {
        steps = List.copyOf(steps);
        warnings = List.copyOf(warnings);
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }

    /** The plan as people read it (and golden tests compare): warnings, then one line a step. */
    public String render() {
        StringBuilder text = new StringBuilder();
        warnings.forEach(warning -> text.append("warning: ").append(warning).append('\n'));
        if (steps.isEmpty()) {
            text.append("nothing to do\n");
        }
        PlanStep.renderAll(steps).forEach(line -> text.append(line).append('\n'));
        return text.toString();
    }

    /** The steps as a graph on zero-padded ids, so the walker's name order is the plan order. */
    public DependencyGraph graph() {
        SortedMap<String, SortedSet<String>> edges = new TreeMap<>();
        for (PlanStep step : steps) {
            SortedSet<String> after = new TreeSet<>();
            step.after().forEach(id -> after.add(key(id)));
            edges.put(key(step.id()), after);
        }
        return DependencyGraph.of(edges);
    }

    public PlanStep step(String key) {
        return steps.get(Integer.parseInt(key) - 1);
    }

    static String key(int id) {
        return String.format("%06d", id);
    }
}
