package io.berth.engine.reconcile;

import io.berth.engine.Action;
import io.berth.engine.DesiredProject;
import io.berth.engine.DesiredService;
import io.berth.engine.EngineException;
import io.berth.engine.ObservedState;
import io.berth.engine.Plan;
import io.berth.engine.RecreatePolicy;
import io.berth.engine.UpOptions;
import io.berth.engine.graph.DependencyGraph;
import io.berth.runtime.ContainerInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The pure decision of {@code up}: from the desired project, one observed snapshot and the
 * options, the plan. Nothing here talks to the runtime; every step says why it is there.
 */
public final class UpReconciler {
    static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(10);

    private final DesiredProject project;
    private final ObservedState observed;
    private final UpOptions options;
    private final PlanBuilder plan = new PlanBuilder();
    private final Replicas replicas;
    private final Infrastructure infrastructure;
    private final Map<String, Integer> infraSteps = new HashMap<>();
    /** Container name to the id of its last step in this plan: what a wait on it must follow. */
    private final Map<String, Integer> lastStepOfContainer = new HashMap<>();
    private final SortedSet<String> recreated = new TreeSet<>();
    private SortedSet<String> selected;

    private UpReconciler(DesiredProject project, ObservedState observed, UpOptions options) {
        this.project = project;
        this.observed = observed;
        this.options = options;
        this.replicas = new Replicas(project, observed);
        this.infrastructure = new Infrastructure(project, observed, plan, infraSteps);
    }

    public static Plan plan(DesiredProject project, ObservedState observed, UpOptions options) {
        return new UpReconciler(project, observed, options).run();
    }

    /** The networks, volumes and image one service needs, for a one-off container of it (run). */
    public static Plan planInfrastructure(DesiredProject project, ObservedState observed, String service) {
        return planInfrastructure(project, observed, service, UpOptions.defaults());
    }

    /** As above, with {@code run --build} / {@code --pull} in the options. */
    public static Plan planInfrastructure(DesiredProject project, ObservedState observed, String service,
                                          UpOptions options) {
        UpReconciler reconciler = new UpReconciler(project, observed, options);
        reconciler.infrastructureGate(project.services().get(service));
        return reconciler.plan.build();
    }

    /** Only the image pulls of the selected services: Compose pulls before it builds and converges. */
    public static Plan planImages(DesiredProject project, ObservedState observed, UpOptions options) {
        UpReconciler reconciler = new UpReconciler(project, observed, options);
        reconciler.select(project.graph());
        for (String name : reconciler.selected) {
            Images.pull(project.services().get(name), observed, reconciler.plan, reconciler.infraSteps, options);
        }
        return reconciler.plan.build();
    }

    /**
     * The builds of the selected services (after the pulls): images missing, {@code pull_policy: build},
     * or every one with {@code --build}; a service's build follows those of its context services.
     */
    public static Plan planBuilds(DesiredProject project, ObservedState observed, UpOptions options) {
        UpReconciler reconciler = new UpReconciler(project, observed, options);
        reconciler.select(project.graph());
        List<String> refused = new ArrayList<>();
        for (String name : reconciler.selected) {
            try {
                ImageBuilds.step(project.services().get(name), observed, reconciler.plan, reconciler.infraSteps, options,
                        project.services());
            } catch (EngineException cannotBuild) {
                refused.add(cannotBuild.getMessage()); // every service's problems at once
            }
        }
        if (!refused.isEmpty()) {
            throw new EngineException(String.join("\n", refused));
        }
        return reconciler.plan.build();
    }

    private void select(DependencyGraph graph) {
        for (String name : options.services()) {
            if (!project.services().containsKey(name)) {
                throw new EngineException("no such service: " + name + " (defined: "
                        + String.join(", ", project.services().keySet()) + ")");
            }
        }
        selected = options.services().isEmpty() ? graph.nodes()
                : options.noDeps() ? new TreeSet<>(options.services()) : graph.withDependencies(options.services());
    }

    private Plan run() {
        DependencyGraph graph = project.graph();
        select(graph);
        checkServices();
        Orphans.handle(project, observed, options.removeOrphans(), options.stopTimeout(), plan);
        for (String name : graph.order()) {
            if (selected.contains(name)) {
                converge(project.services().get(name));
            }
        }
        return plan.build();
    }

    private void checkServices() {
        for (String name : selected) {
            DesiredService service = project.services().get(name);
            if (service.containerName() != null && service.scale() > 1) {
                throw new EngineException("service " + name + ": container_name \"" + service.containerName()
                        + "\" allows one container, but scale is " + service.scale());
            }
            service.dependsOn().stream()
                    .filter(dependency -> !dependency.required() && !project.services().containsKey(dependency.service()))
                    .forEach(dependency -> plan.warn("service " + name + ": optional dependency "
                            + dependency.service() + " is not enabled; not waiting for it"));
            if (service.template().networkMode() instanceof io.berth.runtime.NetworkMode.Host
                    && !service.template().ports().isEmpty()) {
                // Docker's own words: the container listens on the host's ports directly
                plan.warn("service " + name + ": published ports are discarded when using host network mode");
            }
        }
    }

    private void converge(DesiredService service) {
        List<ContainerInfo> existing = observed.serviceContainers(service.name());
        List<ContainerInfo> excess = new ArrayList<>(existing.subList(Math.min(service.scale(), existing.size()),
                existing.size()));
        Collections.reverse(excess);
        for (ContainerInfo container : excess) {
            removeContainer(service, container, "scale " + service.name() + "=" + service.scale()
                    + ": replica " + observed.labelsOf(container).number() + " is not needed");
        }
        List<Intent> intents = new ArrayList<>();
        for (ContainerInfo container : existing.subList(0, Math.min(service.scale(), existing.size()))) {
            intents.addAll(Intent.forExisting(container, observed.labelsOf(container).number(),
                    recreateReasons(service, container),
                    restartReason(service, container), options.noStart()));
        }
        for (int number : Replicas.newNumbers(observed, existing, service.scale())) {
            String cause = "replica " + number + " of " + service.scale() + " does not exist";
            intents.add(options.noStart() ? Intent.createOnly(number, cause) : Intent.create(number, cause));
        }
        if (intents.isEmpty()) {
            return;
        }
        SortedSet<Integer> gate = infrastructureGate(service);
        gate.addAll(dependencyGate(service));
        for (Intent intent : intents) {
            emit(service, intent, gate);
        }
    }

    private void emit(DesiredService service, Intent intent, SortedSet<Integer> gate) {
        String name = intent.container() != null ? intent.container().name() : replicas.nameOf(service, intent.number());
        List<Integer> previous = new ArrayList<>(gate);
        if (intent.stop()) {
            previous = List.of(plan.add(new Action.StopContainer(service.name(), name, stopTimeout(service),
                    service.template().stopSignal()),
                    previous, intent.cause()));
        }
        if (intent.remove()) {
            // as Compose: the replaced container goes without -v, so -V leaves its anonymous volumes unused
            previous = List.of(plan.add(new Action.RemoveContainer(service.name(), name, false),
                    previous, intent.cause()));
            recreated.add(service.name());
        }
        if (intent.create()) {
            var spec = replicas.spec(service, intent.number());
            String cause = intent.cause();
            if (intent.remove()) {
                SortedSet<String> renewed = AnonymousVolumes.anonymousTargets(intent.container());
                if (options.renewAnonVolumes() && !renewed.isEmpty()) {
                    cause += "; new anonymous volumes at " + String.join(", ", renewed);
                } else if (!options.renewAnonVolumes()) {
                    var inherited = AnonymousVolumes.inherit(spec, intent.container(),
                            observed.images().get(service.image().familiar()));
                    spec = inherited.spec();
                    if (!inherited.targets().isEmpty()) {
                        cause += "; keeps the anonymous volumes at " + String.join(", ", inherited.targets());
                    }
                }
            }
            name = spec.name();
            previous = List.of(plan.add(new Action.CreateContainer(service.name(), spec, service.platform()), previous, cause));
        }
        if (intent.start()) {
            String cause = intent.create() ? (intent.remove() ? "recreated" : "created") : intent.cause();
            previous = List.of(plan.add(new Action.StartContainer(service.name(), name), previous, cause));
        }
        lastStepOfContainer.put(name, previous.get(0));
    }

    private List<String> recreateReasons(DesiredService service, ContainerInfo container) {
        boolean dependencyOnly = !options.services().isEmpty() && !options.services().contains(service.name());
        RecreatePolicy policy = !dependencyOnly || options.recreate() == RecreatePolicy.NEVER ? options.recreate()
                : options.alwaysRecreateDeps() ? RecreatePolicy.FORCE : RecreatePolicy.DIVERGED;
        if (policy == RecreatePolicy.FORCE) {
            return List.of(dependencyOnly ? "--always-recreate-deps"
                    : options.renewAnonVolumes() ? "-V (renew anonymous volumes)" : "--force-recreate");
        }
        if (policy == RecreatePolicy.NEVER) {
            return List.of();
        }
        return Divergence.reasons(service, container, observed, recreated);
    }

    private String restartReason(DesiredService service, ContainerInfo container) {
        if (!container.state().isRunning() || options.noStart()) {
            return null;
        }
        return service.dependsOn().stream()
                .filter(dependency -> dependency.restart() && recreated.contains(dependency.service()))
                .map(dependency -> dependency.service() + " was recreated (depends_on restart: true)")
                .findFirst().orElse(null);
    }

    private SortedSet<Integer> dependencyGate(DesiredService service) {
        SortedSet<Integer> gate = new TreeSet<>();
        for (String dependency : service.dependencies()) {
            if (!project.services().containsKey(dependency) || !selected.contains(dependency)) {
                continue;
            }
            for (String container : replicas.names(dependency)) {
                Integer last = lastStepOfContainer.get(container);
                if (options.noStart()) {
                    if (last != null) {
                        gate.add(last);
                    }
                    continue;
                }
                var condition = service.conditionOn(dependency);
                gate.add(plan.add(new Action.WaitForContainer(dependency, container, condition, service.name(),
                                options.waitTimeout()), last == null ? List.of() : List.of(last),
                        service.name() + " depends on " + dependency + " (" + condition.composeName() + ")"));
            }
        }
        return gate;
    }

    /** Steps for the networks, volumes and image the service needs, made once for all services. */
    private SortedSet<Integer> infrastructureGate(DesiredService service) {
        SortedSet<Integer> gate = infrastructure.stepsFor(service);
        Images.step(service, observed, plan, infraSteps, options, project.services()).ifPresent(gate::add);
        return gate;
    }

    private void removeContainer(DesiredService service, ContainerInfo container, String cause) {
        List<Integer> after = List.of();
        if (container.state().isRunning()) {
            after = List.of(plan.add(new Action.StopContainer(service.name(), container.name(), stopTimeout(service),
                    container.spec().stopSignal()),
                    after, cause));
        }
        // Compose scales down without -v: the replica's anonymous volumes stay, unused
        plan.add(new Action.RemoveContainer(service.name(), container.name(), false), after, cause);
    }

    private Duration stopTimeout(DesiredService service) {
        return stopTimeout(options.stopTimeout(), service.template().stopGracePeriod());
    }

    static Duration stopTimeout(Duration requested, Duration ofService) {
        return requested != null ? requested : ofService != null ? ofService : DEFAULT_STOP_TIMEOUT;
    }
}
