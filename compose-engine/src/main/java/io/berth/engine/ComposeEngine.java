package io.berth.engine;

import io.berth.engine.convert.ProjectTranslator;
import io.berth.engine.execute.ImagePlatformCheck;
import io.berth.engine.execute.PlanExecutor;
import io.berth.engine.execute.SpecPreflight;
import io.berth.engine.observe.Observer;
import io.berth.engine.reconcile.DownReconciler;
import io.berth.engine.reconcile.OneOff;
import io.berth.engine.reconcile.UpReconciler;
import io.berth.model.Project;
import io.berth.runtime.ContainerInfo;
import io.berth.runtime.ContainerRuntime;
import io.berth.runtime.ContainerSpec;
import io.berth.runtime.build.ImageBuilder;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The engine's front door: observe -> reconcile -> plan -> execute for {@code up} and
 * {@code down}, and the per-container lifecycle operations for the other commands.
 */
public final class ComposeEngine {
    /**
     * Docker Compose's default is unlimited. Here starts are limited, to two per core: a start
     * uses CPU (the launch, the network attach) but also waits (for the {@code ip} processes,
     * fsyncs, the cgroup move, the execve), and one per core left cores idle. Measured when the
     * init stage was a JVM (docs/benchmarks.md, "start path"; docs/decisions.md 7 and 10).
     */
    public static final int DEFAULT_PARALLELISM = 2 * Math.max(1, Runtime.getRuntime().availableProcessors());

    /** What {@link #parallelism} returns when neither the flag nor the variable sets a limit. */
    public static final int AUTOMATIC = Integer.MIN_VALUE;

    /**
     * With no limit given, steps other than starts (stops, removals, waits: mostly waiting, not
     * CPU) run this wide, so that down of twenty replicas does not stop them two at a time.
     */
    static final int AUTOMATIC_WIDTH = 32;

    private final ContainerRuntime runtime;
    private final ProgressListener progress;
    private final int parallelism;
    private final int startLimit;
    private final ImageBuilder builder;

    /** @param parallelism a limit on all steps, or {@link #AUTOMATIC}: starts two per core, the rest wide */
    public ComposeEngine(ContainerRuntime runtime, ProgressListener progress, int parallelism) {
        this(runtime, progress, parallelism, null);
    }

    /** @param builder builds the images of services with {@code build:}; null: a build is an error */
    public ComposeEngine(ContainerRuntime runtime, ProgressListener progress, int parallelism, ImageBuilder builder) {
        this.builder = builder;
        this.runtime = runtime;
        this.progress = progress;
        this.parallelism = parallelism == AUTOMATIC ? AUTOMATIC_WIDTH : parallelism;
        this.startLimit = parallelism == AUTOMATIC ? DEFAULT_PARALLELISM : parallelism;
    }

    /** {@code --parallel} wins, then COMPOSE_PARALLEL_LIMIT, then the default; -1 means unlimited. */
    public static int parallelism(Integer flag, Map<String, String> environment) {
        if (flag != null) {
            return flag;
        }
        String limit = environment.get("COMPOSE_PARALLEL_LIMIT");
        if (limit != null && !limit.isBlank()) {
            try {
                return Integer.parseInt(limit.trim());
            } catch (NumberFormatException notANumber) {
                throw new EngineException("COMPOSE_PARALLEL_LIMIT must be a number, not \"" + limit + "\"");
            }
        }
        return AUTOMATIC;
    }

    /**
     * Says, once per service and attribute, what the services (and their dependencies; all when
     * none is named) set that Berth does not implement: warnings go to {@code warn}, and when
     * running without an attribute would be wrong an EngineException lists every such one.
     */
    public static void checkSupport(Project project, java.util.Collection<String> serviceNames,
                                    java.util.function.Consumer<String> warn) {
        io.berth.engine.support.UnsupportedKeys.Report report =
                io.berth.engine.support.UnsupportedKeys.check(project, serviceNames);
        report.warnings().forEach(warn);
        if (!report.refusals().isEmpty()) {
            throw new EngineException(String.join("\n", report.refusals()));
        }
    }

    public static DesiredProject desired(Project project, Map<String, Integer> scaleOverrides) {
        return ProjectTranslator.translate(project, scaleOverrides);
    }

    public ObservedState observe(String projectName, DesiredProject desired) {
        return Observer.observe(runtime, projectName, desired);
    }

    public Plan planUp(DesiredProject desired, UpOptions options) {
        ObservedState observed = observe(desired.name(), desired);
        Plan plan = UpReconciler.plan(desired, observed, options);
        io.berth.engine.reconcile.CommandCheck.requireCommands(plan, observed);
        return plan;
    }

    /**
     * {@code up} and {@code create}: one observation; from it the pulls the selected services need,
     * run first as Docker Compose does, then the builds (missing images, {@code pull_policy: build},
     * {@code --build}), unless {@code pull} is false (as for {@code --dry-run}, whose plan shows them),
     * so that the plan compares containers with the images they will run ("image changed"); then the
     * plan, from the same observation with the images looked up again.
     */
    public Plan planUp(DesiredProject desired, UpOptions options, boolean pull) {
        ObservedState observed = observe(desired.name(), desired);
        UpOptions planning = options;
        if (pull) {
            observed = pullAndBuild(desired, observed, options);
            planning = options.withImagesPulled();
        }
        Plan plan = UpReconciler.plan(desired, observed, planning);
        io.berth.engine.reconcile.CommandCheck.requireCommands(plan, observed);
        return plan;
    }

    /** Runs the pulls, then the builds, the observation calls for; the observation with the images looked up again. */
    private ObservedState pullAndBuild(DesiredProject desired, ObservedState observed, UpOptions options) {
        Plan pulls = UpReconciler.planImages(desired, observed, options);
        if (!pulls.isEmpty()) {
            execute(pulls);
            // look again: a pull of an image that can build may have failed
            observed = observed.withImages(Observer.images(runtime, desired));
        }
        if (desired.services().values().stream().anyMatch(service -> service.build() != null)) {
            Plan builds = UpReconciler.planBuilds(desired, observed, options);
            builds.warnings().forEach(progress::notice);
            if (!builds.isEmpty()) {
                execute(builds);
                observed = observed.withImages(Observer.images(runtime, desired));
            }
        }
        return observed;
    }

    /** {@code berth build}: the selected services that have a build section (and their context services). */
    public Plan planBuild(DesiredProject desired, java.util.Set<String> services, BuildOptions options) {
        for (String name : services) {
            DesiredService service = desired.services().get(name);
            if (service == null) {
                throw new EngineException("no such service: " + name + " (defined: "
                        + String.join(", ", desired.services().keySet()) + ")");
            }
        }
        UpOptions up = UpOptions.defaults().withServices(services).withBuild(options);
        UpOptions noDeps = new UpOptions(up.services(), true, up.recreate(), false, false, false, false, null, null,
                false, options);
        // a build decides on images alone: no container, network or volume listing (a no-op rebuild's time)
        ObservedState images = ObservedState.empty(desired.name()).withImages(Observer.images(runtime, desired));
        return UpReconciler.planBuilds(desired, images, noDeps);
    }

    /** @param desired the project from the file, or null to work from labels alone */
    public Plan planDown(String projectName, DesiredProject desired, DownOptions options) {
        return DownReconciler.plan(desired, observe(projectName, desired), options);
    }

    /**
     * {@code run}'s one-off container, created (not started): first the service's dependencies
     * are brought up (as {@code up} of those services) unless {@code withDependencies} is false;
     * then, from one observation of what that left, the networks, volumes and image the service
     * needs, and the container's spec (docs/engine.md, "One-off containers").
     */
    public ContainerInfo createOneOff(DesiredProject desired, String serviceName, OneOffOptions options,
                                      boolean withDependencies, boolean build) {
        Set<String> dependencies = new TreeSet<>(desired.graph().withDependencies(Set.of(serviceName)));
        dependencies.remove(serviceName);
        if (withDependencies && !dependencies.isEmpty()) {
            // the one-off's own configuration first: what can be judged before its image is pulled
            SpecPreflight.check(serviceName, OneOff.spec(desired, observe(desired.name(), desired), serviceName,
                    options), runtime);
            execute(planUp(desired, UpOptions.defaults().withServices(dependencies)));
        }
        // the one-off's image: pulled or built first ({@code run --build}), as up does
        UpOptions images = new UpOptions(Set.of(serviceName), true, null, false, false, false, false, null, null)
                .withBuild(BuildOptions.forUp(build, false));
        ObservedState observed = pullAndBuild(desired, observe(desired.name(), desired), images);
        ContainerSpec spec = OneOff.spec(desired, observed, serviceName, options);
        // refused before anything is made: no command to run, an image of another platform than asked
        io.berth.engine.reconcile.CommandCheck.requireCommand(serviceName, spec, observed);
        ImagePlatformCheck.check(runtime, spec.image(), desired.services().get(serviceName).platform(), serviceName,
                progress);
        SpecPreflight.check(serviceName, spec, runtime); // capabilities, sysctls, user, devices: before any network
        execute(UpReconciler.planInfrastructure(desired, observed, serviceName, images.withImagesPulled()));
        return runtime.createContainer(spec);
    }

    public void execute(Plan plan) {
        new PlanExecutor(runtime, progress, parallelism, startLimit, builder).execute(plan);
    }

    public Lifecycle lifecycle(String projectName) {
        return new Lifecycle(runtime, progress, startLimit, projectName);
    }

    /** "web-1" for demo-web-1, as Docker Compose names containers in its log prefixes. */
    public static String shortName(String service, String container) {
        int at = service == null ? -1 : container.lastIndexOf(service + "-");
        return at < 0 ? container : container.substring(at);
    }

    public ContainerRuntime runtime() {
        return runtime;
    }
}
