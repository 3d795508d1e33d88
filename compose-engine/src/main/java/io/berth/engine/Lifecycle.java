package io.berth.engine;

import io.berth.engine.DependencyCondition;
import io.berth.engine.EngineException;
import io.berth.engine.UpOptions;
import io.berth.engine.wait.Conditions;
import io.berth.engine.wait.Waiter;
import io.berth.engine.Labels;
import io.berth.engine.ObservedState;
import io.berth.engine.ProgressListener;
import io.berth.engine.graph.DependencyGraph;
import io.berth.engine.graph.ParallelWalker;
import io.berth.runtime.ContainerInfo;
import io.berth.runtime.ContainerRuntime;
import io.berth.runtime.StopResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * start, stop, restart, kill and rm of a project's existing containers, found by label: starts
 * walk the dependency graph (from the depends_on labels), stops walk it reversed. Each command
 * lists the containers once and reads their labels as parsed into {@link ObservedContainer}.
 */
public final class Lifecycle {
    private final ContainerRuntime runtime;
    private final ProgressListener progress;
    private final int parallelism;
    private final String project;

    public Lifecycle(ContainerRuntime runtime, ProgressListener progress, int parallelism, String project) {
        this.runtime = runtime;
        this.progress = progress;
        this.parallelism = parallelism;
        this.project = project;
    }

    /** The project's containers of these services (empty: all), by service then number. */
    public List<ContainerInfo> containers(Set<String> services, boolean includeOneOff) {
        return containers(observe(), services, includeOneOff);
    }

    /** The project's containers, their labels parsed once (no networks, volumes or images). */
    private ObservedState observe() {
        return new ObservedState(project, runtime.listContainers(Map.of(Labels.PROJECT, project)),
                List.of(), List.of(), Map.of());
    }

    private static List<ContainerInfo> containers(ObservedState observed, Set<String> services, boolean includeOneOff) {
        return observed.containers().stream()
                .filter(container -> services.isEmpty() || services.contains(observed.labelsOf(container).service()))
                .filter(container -> includeOneOff || !observed.labelsOf(container).oneOff())
                .sorted(Comparator.comparing((ContainerInfo container) ->
                                Objects.requireNonNullElse(observed.labelsOf(container).service(), ""))
                        .thenComparingInt((ContainerInfo container) -> observed.labelsOf(container).number())
                        .thenComparing(ContainerInfo::name))
                .toList();
    }

    /** Starts stopped containers, each service after its dependencies meet their depends_on condition. */
    public void start(Set<String> services) {
        ObservedState observed = observe();
        List<ContainerInfo> all = containers(observed, Set.of(), false);
        walk(observed, services, false, container -> {
            awaitDependencies(observed, container, all);
            if (!container.state().isRunning()) {
                runtime.startContainer(container.id());
                LifecycleHooks.postStart(runtime, progress, container);
                progress.event("Container", container.name(), "Started");
            }
        });
    }

    public void stop(Set<String> services, Duration timeout) {
        ObservedState observed = observe();
        walk(observed, services, true, container -> {
            if (container.state().isRunning()) {
                stopOne(container, observed.labelsOf(container).service(), timeout);
            }
        });
    }

    public void restart(Set<String> services, Duration timeout) {
        ObservedState observed = observe();
        walk(observed, services, false, container -> {
            if (container.state().isRunning()) {
                stopOne(container, observed.labelsOf(container).service(), timeout);
            }
            runtime.startContainer(container.id(), true);
            LifecycleHooks.postStart(runtime, progress, container);
            progress.event("Container", container.name(), "Started");
        });
    }

    public void kill(Set<String> services, String signal) {
        walk(observe(), services, true, container -> {
            if (container.state().isRunning()) {
                runtime.killContainer(container.id(), signal);
                progress.event("Container", container.name(), "Killed");
            }
        });
    }

    /** Removes stopped containers ({@code stopFirst}: stops running ones first); returns those removed. */
    public List<String> remove(Set<String> services, boolean stopFirst, Duration timeout) {
        return remove(services, stopFirst, timeout, false);
    }

    /** As {@link #remove(Set, boolean, Duration)}; {@code anonymousVolumes}: {@code rm -v}, theirs too. */
    public List<String> remove(Set<String> services, boolean stopFirst, Duration timeout, boolean anonymousVolumes) {
        List<String> removed = new ArrayList<>();
        ObservedState observed = observe();
        walk(observed, services, true, container -> {
            if (container.state().isRunning()) {
                if (!stopFirst) {
                    return;
                }
                stopOne(container, observed.labelsOf(container).service(), timeout);
            }
            runtime.removeContainer(container.id(), false, anonymousVolumes);
            progress.event("Container", container.name(), "Removed");
            synchronized (removed) {
                removed.add(container.name());
            }
        });
        return removed;
    }

    /**
     * {@code up --wait}: every container of the services running, and healthy when it has a
     * healthcheck; fails fast on one that exited or turned unhealthy.
     */
    public void awaitReady(Set<String> services, Duration timeout) {
        ObservedState observed = observe();
        for (ContainerInfo container : containers(observed, services, false)) {
            ObservedContainer labels = observed.labelsOf(container);
            DependencyCondition condition = labels.healthcheck()
                    ? DependencyCondition.SERVICE_HEALTHY : DependencyCondition.SERVICE_STARTED;
            ContainerInfo ready = Waiter.await(runtime, container.id(), Conditions.of(condition), timeout,
                    "service " + labels.service() + ": waiting for " + container.name()
                            + " (" + condition.composeName() + ")");
            progress.event("Container", ready.name(), condition == DependencyCondition.SERVICE_HEALTHY ? "Healthy" : "Running");
        }
    }

    private void awaitDependencies(ObservedState observed, ContainerInfo container, List<ContainerInfo> all) {
        for (var entry : observed.labelsOf(container).conditions().entrySet()) {
            DependencyCondition condition = DependencyCondition.fromComposeName(entry.getValue());
            for (ContainerInfo dependency : all) {
                if (entry.getKey().equals(observed.labelsOf(dependency).service())) {
                    Waiter.await(runtime, dependency.id(), Conditions.of(condition), UpOptions.DEFAULT_WAIT,
                            "waiting for " + dependency.name() + " (" + condition.composeName() + ")");
                }
            }
        }
    }

    public void stopOne(ContainerInfo container, Duration timeout) {
        stopOne(container, ObservedContainer.of(container).service(), timeout);
    }

    private void stopOne(ContainerInfo container, String service, Duration timeout) {
        Duration grace = timeout != null ? timeout
                : container.spec().stopGracePeriod() != null ? container.spec().stopGracePeriod() : Duration.ofSeconds(10);
        LifecycleHooks.preStop(runtime, progress, container);
        StopResult result = runtime.stopContainer(container.id(), grace);
        if (result.killedEarly()) {
            String signal = container.spec().stopSignal() == null ? "SIGTERM" : container.spec().stopSignal();
            progress.notice(ComposeEngine.shortName(service, container.name())
                    + ": PID 1 does not handle " + signal + "; killed at once");
        }
        progress.event("Container", container.name(), "Stopped");
    }

    /** A task on one container, run per service in graph order (or reversed). */
    @FunctionalInterface
    interface ContainerTask {
        void run(ContainerInfo container) throws Exception;
    }

    private void walk(ObservedState observed, Set<String> services, boolean reversed, ContainerTask task) {
        List<ContainerInfo> containers = containers(observed, services, false);
        Map<String, List<ContainerInfo>> byService = new TreeMap<>();
        containers.forEach(container -> byService.computeIfAbsent(observed.labelsOf(container).service(),
                key -> new ArrayList<>()).add(container));
        Map<String, SortedSet<String>> edges = new TreeMap<>();
        byService.forEach((service, members) -> {
            SortedSet<String> dependencies = new TreeSet<>();
            members.forEach(container -> dependencies.addAll(observed.labelsOf(container).dependsOn()));
            dependencies.retainAll(byService.keySet());
            dependencies.remove(service);
            edges.put(service, dependencies);
        });
        DependencyGraph graph = DependencyGraph.of(edges);
        ParallelWalker.Result result = ParallelWalker.walk(reversed ? graph.reversed() : graph, parallelism, service -> {
            for (ContainerInfo container : byService.get(service)) {
                task.run(container);
            }
        });
        if (!result.succeeded()) {
            List<String> messages = new ArrayList<>();
            result.failures().forEach((service, failure) -> messages.add("service " + service + ": " + failure.getMessage()));
            throw new EngineException(String.join("\n", messages), result.failures().values().iterator().next());
        }
    }
}
