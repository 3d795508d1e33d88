package io.berth.engine.execute;

import io.berth.engine.Action;
import io.berth.engine.EngineException;
import io.berth.engine.Plan;
import io.berth.engine.PlanStep;
import io.berth.runtime.ContainerRuntime;
import io.berth.runtime.ContainerSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Configuration the runtime cannot honour, found before a plan makes anything: the runtime's
 * {@link ContainerRuntime#problemsOf} for every container the plan creates (an unknown capability,
 * a refused sysctl, a user the image lacks, a missing device). Without it such an {@code up} failed
 * at the container's create or start, after the project's networks and volumes were made. Every
 * problem of every service at once, one line each, sorted by service.
 */
public final class SpecPreflight {
    private SpecPreflight() {
    }

    static void check(Plan plan, ContainerRuntime runtime) {
        Map<String, Set<String>> problems = new TreeMap<>();
        for (PlanStep step : plan.steps()) {
            if (step.action() instanceof Action.CreateContainer create) {
                String service = create.service() == null ? create.spec().name() : create.service();
                if (!problems.containsKey(service)) { // replicas differ in name and number only: one is asked
                    problems.put(service, new LinkedHashSet<>(runtime.problemsOf(create.spec())));
                }
            }
        }
        throwIfAny(problems);
    }

    /** For one container (run's one-off) of the service named. */
    public static void check(String service, ContainerSpec spec, ContainerRuntime runtime) {
        Map<String, Set<String>> problems = new TreeMap<>();
        problems.put(service, new LinkedHashSet<>(runtime.problemsOf(spec)));
        throwIfAny(problems);
    }

    private static void throwIfAny(Map<String, Set<String>> problems) {
        List<String> lines = new ArrayList<>();
        problems.forEach((service, found) -> found.forEach(problem -> lines.add("service " + service + ": " + problem)));
        if (!lines.isEmpty()) {
            throw new EngineException(String.join("\n", lines));
        }
    }
}
