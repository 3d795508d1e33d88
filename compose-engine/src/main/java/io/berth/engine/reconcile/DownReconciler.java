package io.berth.engine.reconcile;

import io.berth.engine.Action;
import io.berth.engine.DesiredProject;
import io.berth.engine.DownOptions;
import io.berth.engine.Labels;
import io.berth.engine.ObservedState;
import io.berth.engine.Plan;
import io.berth.engine.graph.DependencyGraph;
import io.berth.runtime.ContainerInfo;
import io.berth.runtime.NetworkInfo;
import io.berth.runtime.VolumeInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The pure decision of {@code down}: stop and remove the project's containers, dependents before
 * what they depend on, then its networks, and with {@code -v} its volumes. Works from the labels
 * alone when there is no Compose file ({@code desired} null).
 */
public final class DownReconciler {
    private DownReconciler() {
    }

    public static Plan plan(DesiredProject desired, ObservedState observed, DownOptions options) {
        PlanBuilder plan = new PlanBuilder();
        List<ContainerInfo> containers = new ArrayList<>(observed.containers());
        if (desired != null && !options.removeOrphans()) {
            List<ContainerInfo> orphans = Orphans.find(desired, observed);
            containers.removeAll(orphans);
            if (!orphans.isEmpty()) {
                plan.warn("Found orphan containers (" + String.join(", ", orphans.stream().map(ContainerInfo::name).toList())
                        + ") for this project. Run down with --remove-orphans to remove them.");
            }
        }
        Map<String, List<ContainerInfo>> byService = new TreeMap<>();
        containers.forEach(container -> byService.computeIfAbsent(serviceOf(observed, container), key -> new ArrayList<>()).add(container));
        DependencyGraph graph = graph(desired, observed, byService);
        Map<String, List<Integer>> stepsOfService = new HashMap<>();
        List<Integer> removals = new ArrayList<>();
        for (String service : graph.reversed().order()) {
            List<Integer> after = new ArrayList<>();
            graph.dependentsOf(service).forEach(dependent -> after.addAll(stepsOfService.getOrDefault(dependent, List.of())));
            List<Integer> mine = new ArrayList<>();
            for (ContainerInfo container : byService.get(service)) {
                List<Integer> previous = after;
                if (container.state().isRunning()) {
                    previous = List.of(plan.add(new Action.StopContainer(service, container.name(),
                            UpReconciler.stopTimeout(options.stopTimeout(), container.spec().stopGracePeriod()),
                            container.spec().stopSignal()),
                            after, "down"));
                }
                int removal = plan.add(new Action.RemoveContainer(service, container.name(), options.removeVolumes()),
                        previous, "down");
                mine.add(container.state().isRunning() ? previous.get(0) : removal);
                removals.add(removal);
            }
            stepsOfService.put(service, mine);
        }
        for (NetworkInfo network : observed.networks()) {
            if (observed.project().equals(network.labels().get(Labels.PROJECT))) {
                plan.add(new Action.RemoveNetwork(network.name()), removals, "down");
            }
        }
        if (options.removeVolumes()) {
            for (VolumeInfo volume : observed.volumes()) {
                if (observed.project().equals(volume.labels().get(Labels.PROJECT))) {
                    plan.add(new Action.RemoveVolume(volume.name()), removals, "down -v");
                }
            }
        }
        return plan.build();
    }

    private static String serviceOf(ObservedState observed, ContainerInfo container) {
        return Objects.requireNonNullElse(observed.labelsOf(container).service(), container.name());
    }

    /** The services present, with edges from the file when there is one, else from the labels. */
    static DependencyGraph graph(DesiredProject desired, ObservedState observed,
                                 Map<String, List<ContainerInfo>> byService) {
        Map<String, SortedSet<String>> edges = new TreeMap<>();
        for (var entry : byService.entrySet()) {
            SortedSet<String> dependencies = new TreeSet<>();
            if (desired != null && desired.services().containsKey(entry.getKey())) {
                dependencies.addAll(desired.services().get(entry.getKey()).dependencies());
            } else {
                entry.getValue().forEach(container -> dependencies.addAll(observed.labelsOf(container).dependsOn()));
            }
            dependencies.retainAll(byService.keySet());
            edges.put(entry.getKey(), dependencies);
        }
        try {
            return DependencyGraph.of(edges);
        } catch (io.berth.engine.graph.DependencyCycleException cycle) {
            edges.replaceAll((service, dependencies) -> new TreeSet<>()); // labels edited by hand: any order
            return DependencyGraph.of(edges);
        }
    }
}
