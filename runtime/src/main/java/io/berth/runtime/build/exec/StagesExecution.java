package io.berth.runtime.build.exec;

import io.berth.runtime.build.BuildException;
import io.berth.runtime.build.BuildRequest;
import io.berth.runtime.build.plan.BuildSource;
import io.berth.runtime.build.plan.CopyStep;
import io.berth.runtime.build.plan.MetadataStep;
import io.berth.runtime.build.plan.RunStep;
import io.berth.runtime.build.plan.StageGraph;
import io.berth.runtime.build.plan.StageNode;
import io.berth.runtime.build.plan.StagePlan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs the needed stages: each as soon as the stages it depends on are done, at most
 * {@value #PARALLEL_STAGES} at once; after the first failure no further stage starts, and the
 * build returns only when every started stage has ended (and cleaned up).
 */
final class StagesExecution {
    static final int PARALLEL_STAGES = 2;
    private final BuildSession session;
    private final StageGraph graph;
    private final Map<Integer, StagePlan> plans = new HashMap<>();
    private final Map<Integer, StageResult> results = new ConcurrentHashMap<>();
    private final Map<Integer, Integer> firstStepIndex = new HashMap<>();
    private final int totalSteps;
    private final AtomicBoolean failed = new AtomicBoolean();

    StagesExecution(BuildSession session, StageGraph graph, List<StagePlan> ordered) {
        this.session = session;
        this.graph = graph;
        int count = 0;
        for (StagePlan plan : ordered) {
            plans.put(plan.stageIndex(), plan);
            firstStepIndex.put(plan.stageIndex(), count);
            count += (int) plan.steps().stream().filter(step -> step instanceof RunStep || step instanceof CopyStep
                    || step instanceof MetadataStep metadata && metadata.createsWorkdir() != null).count();
        }
        this.totalSteps = count;
    }

    StageResult run() {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLEL_STAGES, Math.max(1, graph.stages().size())),
                runnable -> {
                    Thread thread = new Thread(runnable, "berth-build-stage");
                    thread.setDaemon(true);
                    return thread;
                });
        Map<Integer, CompletableFuture<StageResult>> futures = new HashMap<>();
        try {
            for (StageNode node : graph.stages()) {
                CompletableFuture<?>[] dependencies = node.dependsOn().stream().map(futures::get)
                        .filter(java.util.Objects::nonNull).toArray(CompletableFuture[]::new);
                futures.put(node.stageIndex(), CompletableFuture.allOf(dependencies)
                        .thenApplyAsync(ignored -> runStage(node), pool));
            }
            List<RuntimeException> failures = new ArrayList<>();
            for (StageNode node : graph.stages()) {
                try {
                    futures.get(node.stageIndex()).join();
                } catch (CompletionException e) {
                    Throwable cause = e.getCause() instanceof CompletionException nested ? nested.getCause() : e.getCause();
                    if (cause instanceof RuntimeException runtime && !failures.contains(runtime)) {
                        failures.add(runtime);
                    } else if (!(cause instanceof RuntimeException)) {
                        failures.add(new BuildException(String.valueOf(cause), cause));
                    }
                }
            }
            if (!failures.isEmpty()) {
                throw failures.get(0);
            }
            return results.get(graph.target());
        } finally {
            pool.shutdownNow();
        }
    }

    private StageResult runStage(StageNode node) {
        if (failed.get()) {
            throw new BuildException("not built: an earlier stage failed", null);
        }
        try {
            StagePlan plan = plans.get(node.stageIndex());
            StageResult base = base(node.base());
            StageRunner runner = new StageRunner(session, this::stageResult, new StageRunner.StepNumbers() {
                @Override
                public int indexOf(int stageIndex, int stepInStage) {
                    return firstStepIndex.get(stageIndex) + countLayerSteps(plans.get(stageIndex), stepInStage);
                }

                @Override
                public int total() {
                    return totalSteps;
                }
            });
            StageResult result = runner.run(plan, base, node.displayName());
            results.put(node.stageIndex(), result);
            return result;
        } catch (RuntimeException e) {
            failed.set(true);
            throw e;
        }
    }

    private static int countLayerSteps(StagePlan plan, int upTo) {
        int count = 0;
        for (int i = 0; i < upTo && i < plan.steps().size(); i++) {
            var step = plan.steps().get(i);
            if (step instanceof RunStep || step instanceof CopyStep
                    || step instanceof MetadataStep metadata && metadata.createsWorkdir() != null) {
                count++;
            }
        }
        return count;
    }

    private StageResult base(BuildSource base) {
        if (base instanceof BuildSource.StageOutput stage) {
            return stageResult(stage.stageIndex());
        }
        if (base instanceof BuildSource.Image image) {
            return session.image(image.reference());
        }
        if (base instanceof BuildSource.NamedContext named
                && session.request.namedContexts().get(named.name()) instanceof BuildRequest.NamedContext.Image image) {
            return session.image(image.reference().canonical());
        }
        return BuildSession.scratch();
    }

    /** The result of a stage built before this one; a stage outside the graph is a planner bug, said plainly. */
    private StageResult stageResult(int stageIndex) {
        StageResult result = results.get(stageIndex);
        if (result == null) {
            throw new BuildException("stage " + stageIndex + " is needed but was not built (it is not in the"
                    + " stage graph; an ONBUILD trigger's --from is not supported)", null);
        }
        return result;
    }
}
