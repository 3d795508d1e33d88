package io.berth.engine;

import io.berth.engine.convert.ProjectTranslator;
import io.berth.engine.execute.Lifecycle;
import io.berth.engine.execute.PlanExecutor;
import io.berth.engine.observe.Observer;
import io.berth.engine.reconcile.DownReconciler;
import io.berth.engine.reconcile.UpReconciler;
import io.berth.model.Project;
import io.berth.runtime.ContainerRuntime;
import java.util.Map;

/**
 * The engine's front door: observe -> reconcile -> plan -> execute for {@code up} and
 * {@code down}, and the per-container lifecycle operations for the other commands.
 */
public final class ComposeEngine {
    /**
     * Docker Compose's default is unlimited. Here each container start also starts the init
     * stage's JVM, which is CPU-bound, so starts are limited; but a start also waits (for the
     * {@code ip} processes, fsyncs, the cgroup move, the execve), and with one start per core the
     * cores idle meanwhile: two per core took {@code up --scale client=20} of stack3 from 3.2-8.5 s
     * to 2.9-3.9 s (4 rounds alternating, load 11; docs/benchmarks.md, "start path").
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

    /** @param parallelism a limit on all steps, or {@link #AUTOMATIC}: starts one per core, the rest wide */
    public ComposeEngine(ContainerRuntime runtime, ProgressListener progress, int parallelism) {
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
        return UpReconciler.plan(desired, observe(desired.name(), desired), options);
    }

    /**
     * Pulls what the selected services need first, as Docker Compose does, so that the plan
     * compares containers with the images they will run; returns the options to plan with.
     */
    public UpOptions pullImages(DesiredProject desired, UpOptions options) {
        Plan pulls = UpReconciler.planImages(desired, observe(desired.name(), desired), options);
        if (pulls.isEmpty()) {
            return options;
        }
        execute(pulls);
        return options.withImagesPulled();
    }

    /** @param desired the project from the file, or null to work from labels alone */
    public Plan planDown(String projectName, DesiredProject desired, DownOptions options) {
        return DownReconciler.plan(desired, observe(projectName, desired), options);
    }

    public void execute(Plan plan) {
        new PlanExecutor(runtime, progress, parallelism, startLimit).execute(plan);
    }

    public Lifecycle lifecycle(String projectName) {
        return new Lifecycle(runtime, progress, startLimit, projectName);
    }

    public ContainerRuntime runtime() {
        return runtime;
    }
}
