package io.berth.runtime.build.plan;

import io.berth.runtime.build.dockerfile.Dockerfile;
import io.berth.runtime.build.dockerfile.DockerfileException;
import io.berth.runtime.build.dockerfile.Instruction;
import io.berth.runtime.build.dockerfile.Stage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a parsed Dockerfile and the build's options into stages of substituted steps, touching
 * nothing. Use: {@link #graph()} once (it checks FROMs, --from names, the target, --platform), then
 * for each stage in order {@link #evaluate} with its base's settings (an image's config, an earlier
 * stage's {@link StagePlan#finalSettings}, or {@link ImageSettings#empty()} for scratch).
 * Safe to call from several threads (calls are serialized; evaluation is cheap).
 */
public final class BuildPlanner {
    private final Dockerfile dockerfile;
    private final BuildOptions options;
    private final Map<Integer, StageScope> scopes = new HashMap<>();
    private final Map<Integer, StagePlan> plans = new HashMap<>();
    private PlanContext context;
    private StageGraph graph;
    private List<StageNode> allNodes = List.of();

    public BuildPlanner(Dockerfile dockerfile, BuildOptions options) {
        this.dockerfile = dockerfile;
        this.options = options;
    }

    public Dockerfile dockerfile() {
        return dockerfile;
    }

    public BuildOptions options() {
        return options;
    }

    /**
     * The stages the target needs and their order.
     *
     * @throws DockerfileException an unknown target (listing the stages), a FROM or --from that
     *                             cannot be resolved, a --platform other than the build's
     */
    public synchronized StageGraph graph() throws DockerfileException {
        if (graph == null) {
            List<String> problems = new ArrayList<>();
            String targetName = options.target() != null ? options.target()
                    : dockerfile.stages().get(dockerfile.stages().size() - 1).name();
            Map<String, String> global = GlobalArgs.evaluate(dockerfile, options, targetName, problems);
            context = new PlanContext(dockerfile, options, global);
            GraphBuilder builder = new GraphBuilder(context, problems);
            graph = builder.build();
            allNodes = builder.allNodes();
            dryRun(problems);
            if (!problems.isEmpty()) {
                graph = null;
                throw new DockerfileException(DockerfileException.sortedByPosition(problems));
            }
        }
        return graph;
    }

    /**
     * Evaluates every needed stage over empty base images, so that every problem of the file is
     * reported before anything is pulled or run (base images' ONBUILD triggers are checked later).
     */
    private void dryRun(List<String> problems) {
        Map<Integer, StageScope> dryScopes = new HashMap<>();
        Map<Integer, ImageSettings> drySettings = new HashMap<>();
        for (StageNode node : graph.stages()) {
            StageScope inherited = null;
            ImageSettings base = ImageSettings.empty();
            if (node.base() instanceof BuildSource.StageOutput output) {
                inherited = dryScopes.get(output.stageIndex());
                base = drySettings.getOrDefault(output.stageIndex(), base);
            }
            StageEvaluator evaluator = new StageEvaluator(context, dockerfile.stages().get(node.stageIndex()), base,
                    inherited, problems);
            StagePlan plan = evaluator.evaluate(node.base(), List.of());
            dryScopes.put(node.stageIndex(), evaluator.scope());
            drySettings.put(node.stageIndex(), plan.finalSettings().withoutOnBuild());
        }
    }

    /**
     * The steps of stage {@code stageIndex} over a base with {@code baseSettings}: ONBUILD triggers
     * of the base first, then the stage's instructions, everything substituted. A stage whose base is
     * another stage must be evaluated after it (its ARGs carry over, as in BuildKit); its
     * {@code baseSettings} are that stage's {@link StagePlan#finalSettings}.
     *
     * @throws DockerfileException every problem of the stage (bad substitution, bad flag values...)
     */
    public synchronized StagePlan evaluate(int stageIndex, ImageSettings baseSettings) throws DockerfileException {
        graph();
        StageNode node = allNodes.get(stageIndex);
        Stage stage = dockerfile.stages().get(stageIndex);
        StageScope inherited = null;
        if (node.base() instanceof BuildSource.StageOutput output) {
            inherited = scopes.get(output.stageIndex());
            if (inherited == null) {
                throw new IllegalStateException("stage " + output.stageIndex() + " must be evaluated before stage "
                        + stageIndex + ", which is built on it");
            }
        }
        List<String> problems = new ArrayList<>();
        StageEvaluator evaluator = new StageEvaluator(context, stage, baseSettings, inherited, problems);
        StagePlan plan = evaluator.evaluate(node.base(), baseSettings.onBuild());
        if (!problems.isEmpty()) {
            throw new DockerfileException(DockerfileException.sortedByPosition(problems));
        }
        scopes.put(stageIndex, evaluator.scope());
        plans.put(stageIndex, plan);
        return plan;
    }

    /**
     * The stages that the ONBUILD triggers of a base with {@code baseSettings} copy or mount from
     * ({@code COPY --from}, {@code RUN --mount from=}): they must be built before stage
     * {@code stageIndex} is evaluated over that base, even when the graph did not need them (the
     * triggers are only known once the base image's config is read). Usually empty.
     */
    public synchronized java.util.Set<Integer> triggerDependencies(int stageIndex, ImageSettings baseSettings)
            throws DockerfileException {
        graph();
        java.util.Set<Integer> stages = new java.util.TreeSet<>();
        Stage stage = dockerfile.stages().get(stageIndex);
        for (String trigger : baseSettings.onBuild()) {
            Instruction instruction = io.berth.runtime.build.dockerfile.DockerfileParser.parseTrigger(
                    dockerfile.fileName(), dockerfile.escape(), trigger, stage.from().position(), new ArrayList<>());
            if (instruction == null) {
                continue;
            }
            for (String name : GraphBuilder.sourceNames(instruction)) {
                if (context.resolve(name, stageIndex, new String[1]) instanceof BuildSource.StageOutput output) {
                    stages.add(output.stageIndex());
                }
            }
        }
        return stages;
    }

    /**
     * The build args given in the options that no ARG declares (in the global scope or a stage
     * evaluated so far), without the predefined and proxy args: BuildKit warns about them.
     */
    public synchronized List<String> unusedBuildArgs() {
        List<String> unused = new ArrayList<>();
        Map<String, String> given = new LinkedHashMap<>(options.buildArgs());
        for (String name : given.keySet()) {
            boolean global = dockerfile.globalArgs().stream().map(Instruction::words).flatMap(List::stream)
                    .anyMatch(word -> word.equals(name) || word.startsWith(name + "="));
            boolean consumed = context != null && context.consumed().contains(name);
            boolean builtIn = BuildArgs.isProxy(name) || BuildArgs.PREDEFINED.contains(name)
                    || name.equals("SOURCE_DATE_EPOCH") || name.startsWith("BUILDKIT_");
            if (!global && !consumed && !builtIn) {
                unused.add(name);
            }
        }
        return unused;
    }
}
