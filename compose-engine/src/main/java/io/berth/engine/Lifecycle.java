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
import io.berth.engine.convert.DependsOnLabel;
import io.berth.engine.execute.LifecycleHooks;
import io.berth.runtime.ContainerInfo;
import io.berth.runtime.ContainerRuntime;
import io.berth.runtime.StopResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * start, stop, restart, kill and rm of a project's existing containers, found by label: starts
 * walk the dependency graph (from the depends_on labels), stops walk it reversed.
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
        return runtime.listContainers(Map.of(Labels.PROJECT, project)).stream()
                .filter(container -> services.isEmpty() || services.contains(container.labels().get(Labels.SERVICE)))
                .filter(container -> includeOneOff || !ObservedState.isOneOff(container))
                .sorted(Comparator.comparing((ContainerInfo container) -> container.labels().getOrDefault(Labels.SERVICE, ""))
                        .thenComparingInt(ObservedState::number).thenComparing(ContainerInfo::name))
                .toList();
    }

    /** Starts stopped containers, each service after its dependencies meet their depends_on condition. */
    public void start(Set<String> services) {
        List<ContainerInfo> all = containers(Set.of(), false);
        walk(services, false, container -> {
            awaitDependencies(container, all);
            if (!container.state().isRunning()) {
                runtime.startContainer(container.id());
                LifecycleHooks.postStart(runtime, progress, container);
                progress.event("Container", container.name(), "Started");
            }
        });
    }

    public void stop(Set<String> services, Duration timeout) {
        walk(services, true, container -> {
            if (container.state().isRunning()) {
                stopOne(container, timeout);
            }
        });
    }

    public void restart(Set<String> services, Duration timeout) {
        walk(services, false, container -> {
            if (container.state().isRunning()) {
                stopOne(container, timeout);
            }
            runtime.startContainer(container.id());
            LifecycleHooks.postStart(runtime, progress, container);
            progress.event("Container", container.name(), "Started");
        });
    }

    public void kill(Set<String> services, String signal) {
        walk(services, true, container -> {
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
        walk(services, true, container -> {
            if (container.state().isRunning()) {
                if (!stopFirst) {
                    return;
                }
                stopOne(container, timeout);
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
        for (ContainerInfo container : containers(services, false)) {
            DependencyCondition condition = container.labels().containsKey(Labels.HEALTHCHECK)
                    && !container.labels().get(Labels.HEALTHCHECK).contains("\"NONE\"")
                    ? DependencyCondition.SERVICE_HEALTHY : DependencyCondition.SERVICE_STARTED;
            ContainerInfo ready = Waiter.await(runtime, container.id(), Conditions.of(condition), timeout,
                    "service " + container.labels().get(Labels.SERVICE) + ": waiting for " + container.name()
                            + " (" + condition.composeName() + ")");
            progress.event("Container", ready.name(), condition == DependencyCondition.SERVICE_HEALTHY ? "Healthy" : "Running");
        }
    }

    private void awaitDependencies(ContainerInfo container, List<ContainerInfo> all) {
        String label = container.labels().get(Labels.DEPENDS_ON);
        if (label == null || label.isBlank()) {
            return;
        }
        for (String entry : label.split(",")) {
            String[] parts = entry.split(":");
            if (parts.length < 2) {
                continue;
            }
            DependencyCondition condition = DependencyCondition.fromComposeName(parts[1]);
            for (ContainerInfo dependency : all) {
                if (parts[0].equals(dependency.labels().get(Labels.SERVICE))) {
                    Waiter.await(runtime, dependency.id(), Conditions.of(condition), UpOptions.DEFAULT_WAIT,
                            "waiting for " + dependency.name() + " (" + condition.composeName() + ")");
                }
            }
        }
    }

    public void stopOne(ContainerInfo container, Duration timeout) {
        Duration grace = timeout != null ? timeout
                : container.spec().stopGracePeriod() != null ? container.spec().stopGracePeriod() : Duration.ofSeconds(10);
        LifecycleHooks.preStop(runtime, progress, container);
        StopResult result = runtime.stopContainer(container.id(), grace);
        if (result.killedEarly()) {
            String signal = container.spec().stopSignal() == null ? "SIGTERM" : container.spec().stopSignal();
            progress.notice(ComposeEngine.shortName(container.labels().get(Labels.SERVICE), container.name())
                    + ": PID 1 does not handle " + signal + "; killed at once");
        }
        progress.event("Container", container.name(), "Stopped");
    }

    /** A task on one container, run per service in graph order (or reversed). */
    @FunctionalInterface
    interface ContainerTask {
        void run(ContainerInfo container) throws Exception;
    }

    private void walk(Set<String> services, boolean reversed, ContainerTask task) {
        List<ContainerInfo> containers = containers(services, false);
        Map<String, List<ContainerInfo>> byService = new TreeMap<>();
        containers.forEach(container -> byService.computeIfAbsent(container.labels().get(Labels.SERVICE),
                key -> new ArrayList<>()).add(container));
        Map<String, SortedSet<String>> edges = new TreeMap<>();
        byService.forEach((service, members) -> {
            SortedSet<String> dependencies = new TreeSet<>();
            members.forEach(container -> dependencies.addAll(DependsOnLabel.services(container.labels().get(Labels.DEPENDS_ON))));
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
