package io.berth.engine.reconcile;

import io.berth.engine.Action;
import io.berth.engine.Plan;
import io.berth.engine.PlanStep;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/** Collects steps, numbering them in the order added (so every step follows lower numbers). */
final class PlanBuilder {
    private final List<PlanStep> steps = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    int add(Action action, Collection<Integer> after, String cause) {
        int id = steps.size() + 1;
        steps.add(new PlanStep(id, action, new TreeSet<>(after), cause));
        return id;
    }

    void warn(String warning) {
        warnings.add(warning);
    }

    Plan build() {
        return new Plan(steps, warnings);
    }
}
