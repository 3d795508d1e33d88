package io.berth.engine;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/** A step of a plan: its number, what it does, the steps it must follow, and why it is there. */
public record PlanStep(int id, Action action, SortedSet<Integer> after, String cause) {
    public PlanStep {
        after = new TreeSet<>(after);
    }

    public String render() {
        String afterText = after.isEmpty() ? ""
                : " (after " + String.join(", ", after.stream().map(String::valueOf).toList()) + ")";
        return id + ". " + action.describe() + afterText + ": " + cause;
    }

    static List<String> renderAll(List<PlanStep> steps) {
        return steps.stream().map(PlanStep::render).toList();
    }
}
