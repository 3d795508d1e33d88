package io.berth.engine.execute;

import io.berth.engine.LifecycleHooks;
import io.berth.engine.Action;
import io.berth.engine.ComposeEngine;
import io.berth.engine.EngineException;
import io.berth.engine.Plan;
import io.berth.engine.PlanStep;
import io.berth.engine.ProgressListener;
import io.berth.engine.graph.ParallelWalker;
import io.berth.engine.wait.Conditions;
import io.berth.engine.wait.Waiter;
import io.berth.runtime.ContainerId;
import io.berth.runtime.ContainerInfo;
import io.berth.runtime.ContainerRuntime;
import io.berth.runtime.RuntimeOperationException;
import io.berth.runtime.StopResult;
import io.berth.runtime.build.ImageBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * Runs a plan's steps on the runtime in their order, independent steps in parallel on a bounded
 * pool, no new step after the first failure. It decides nothing: every choice is in the plan.
 */
public final class PlanExecutor {
    private final ContainerRuntime runtime;
    private final ProgressListener progress;
    private final int parallelism;
    private final Semaphore starts;
    private final ImageBuildSteps builds;
    private final Map<String, ContainerInfo> created = new java.util.concurrent.ConcurrentHashMap<>();

    /** @param parallelism at most this many steps at once; 0 or less: no limit */
    public PlanExecutor(ContainerRuntime runtime, ProgressListener progress, int parallelism) {
        this(runtime, progress, parallelism, parallelism);
    }

    /**
     * @param startLimit at most this many container starts at once (0 or less: no limit): a start
     *                   uses CPU (launch, network attach), the other steps mostly wait
     */
    public PlanExecutor(ContainerRuntime runtime, ProgressListener progress, int parallelism, int startLimit) {
        this(runtime, progress, parallelism, startLimit, null);
    }

    /** @param builder runs the plan's BuildImage steps; null: they fail */
    public PlanExecutor(ContainerRuntime runtime, ProgressListener progress, int parallelism, int startLimit,
                        ImageBuilder builder) {
        this.builds = new ImageBuildSteps(builder, progress);
        this.runtime = runtime;
        this.progress = progress;
        this.parallelism = parallelism;
        this.starts = startLimit > 0 ? new Semaphore(startLimit) : null;
    }

    public void execute(Plan plan) {
        SpecPreflight.check(plan, runtime);
        PortPreflight.check(plan, runtime);
        ParallelWalker.Result result = ParallelWalker.walk(plan.graph(), parallelism, key -> run(plan.step(key)));
        if (result.succeeded()) {
            return;
        }
        List<String> messages = new ArrayList<>();
        for (Map.Entry<String, Throwable> failure : result.failures().entrySet()) {
            PlanStep step = plan.step(failure.getKey());
            // A failed wait is the dependent's problem: name the service that could not start.
            String service = step.action() instanceof Action.WaitForContainer wait ? wait.dependent()
                    : step.action().service();
            String cause = failure.getValue().getMessage() == null ? failure.getValue().toString()
                    : failure.getValue().getMessage();
            // Runtime messages already say what they attempted; do not repeat it.
            String what = cause.startsWith(step.action().describe()) || step.action() instanceof Action.WaitForContainer
                    ? cause : step.action().describe() + ": " + cause;
            messages.add((service == null ? "" : "service " + service + ": ") + what);
        }
        throw new EngineException(String.join("\n", messages), result.failures().values().iterator().next());
    }

    private void run(PlanStep step) {
        if (step.action() instanceof Action.PullImage pull) {
            builds.pull(runtime, pull);
        } else if (step.action() instanceof Action.BuildImage build) {
            builds.build(build);
        } else if (step.action() instanceof Action.CreateNetwork create) {
            runtime.createNetwork(create.spec());
            progress.event("Network", create.spec().name(), "Created");
        } else if (step.action() instanceof Action.RemoveNetwork remove) {
            runtime.removeNetwork(remove.name());
            progress.event("Network", remove.name(), "Removed");
        } else if (step.action() instanceof Action.CreateVolume create) {
            runtime.createVolume(create.spec());
            progress.event("Volume", create.spec().name(), "Created");
        } else if (step.action() instanceof Action.RemoveVolume remove) {
            runtime.removeVolume(remove.name(), false);
            progress.event("Volume", remove.name(), "Removed");
        } else if (step.action() instanceof Action.CreateContainer create) {
            ImagePlatformCheck.check(runtime, create.spec().image(), create.platform(), create.service(), progress);
            ContainerInfo container = InterruptedCreates.create(runtime, create.spec());
            created.put(container.name(), container);
            progress.event("Container", create.spec().name(), "Created");
        } else if (step.action() instanceof Action.StartContainer start) {
            ContainerInfo container = infoOf(start.container());
            startLimited(container.id());
            LifecycleHooks.postStart(runtime, progress, container);
            progress.event("Container", start.container(), "Started");
        } else if (step.action() instanceof Action.StopContainer stop) {
            ContainerInfo container = infoOf(stop.container());
            LifecycleHooks.preStop(runtime, progress, created.containsKey(stop.container())
                    ? runtime.inspectContainer(container.id()).orElse(container) : container);
            StopResult result = runtime.stopContainer(container.id(), stop.timeout());
            if (result.killedEarly()) {
                progress.notice(ComposeEngine.shortName(stop.service(), stop.container()) + ": PID 1 does not handle "
                        + stop.signal() + "; killed at once");
            }
            progress.event("Container", stop.container(), "Stopped");
        } else if (step.action() instanceof Action.RemoveContainer remove) {
            runtime.removeContainer(idOf(remove.container()), false, remove.volumes());
            created.remove(remove.container());
            progress.event("Container", remove.container(), "Removed");
        } else if (step.action() instanceof Action.WaitForContainer wait) {
            progress.event("Container", wait.container(), "Waiting");
            ContainerInfo ready = Waiter.await(runtime, idOf(wait.container()), Conditions.of(wait.condition()),
                    wait.timeout(), "waiting for " + wait.container() + " (" + wait.condition().composeName() + ")");
            progress.event("Container", ready.name(), switch (wait.condition()) {
                case SERVICE_STARTED -> "Running";
                case SERVICE_HEALTHY -> "Healthy";
                case SERVICE_COMPLETED_SUCCESSFULLY -> "Exited";
            });
        }
    }

    private void startLimited(ContainerId id) {
        if (starts == null) {
            runtime.startContainer(id);
            return;
        }
        starts.acquireUninterruptibly();
        try {
            runtime.startContainer(id);
        } finally {
            starts.release();
        }
    }

    /** The id a create of this plan returned (a request saved per start), else the runtime's answer. */
    private ContainerId idOf(String containerName) {
        return infoOf(containerName).id();
    }

    /** The container as a create of this plan returned it, else as the runtime knows it now. */
    private ContainerInfo infoOf(String containerName) {
        ContainerInfo container = created.get(containerName);
        if (container != null) {
            return container;
        }
        return runtime.findContainerByName(containerName)
                .orElseThrow(() -> new RuntimeOperationException(RuntimeOperationException.Kind.NOT_FOUND,
                        "container " + containerName + " does not exist"));
    }
}
