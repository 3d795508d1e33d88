package io.berth.runtime.build.plan;

import io.berth.runtime.build.dockerfile.Flag;
import io.berth.runtime.build.dockerfile.Instruction;
import io.berth.runtime.build.dockerfile.MountSyntax;
import io.berth.runtime.build.dockerfile.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** Resolves each stage's base and sources, finds the stages the target needs and orders them. */
final class GraphBuilder {
    private final PlanContext context;
    private final List<String> problems;
    private final List<StageNode> allNodes = new ArrayList<>();

    GraphBuilder(PlanContext context, List<String> problems) {
        this.context = context;
        this.problems = problems;
    }

    StageGraph build() {
        List<Stage> stages = context.dockerfile().stages();
        List<StageNode> nodes = new ArrayList<>();
        for (Stage stage : stages) {
            nodes.add(node(stage));
        }
        allNodes.addAll(nodes);
        int target = target(stages);
        if (target < 0) {
            return new StageGraph(stages.size() - 1, List.of());
        }
        Set<Integer> needed = new TreeSet<>();
        collect(target, nodes, needed);
        // stages only refer to earlier stages, so index order is a dependency order
        List<StageNode> ordered = needed.stream().map(nodes::get).toList();
        return new StageGraph(target, ordered);
    }

    /** Every stage's node, needed or not (valid after {@link #build()}). */
    List<StageNode> allNodes() {
        return allNodes;
    }

    private void collect(int index, List<StageNode> nodes, Set<Integer> needed) {
        if (needed.add(index)) {
            nodes.get(index).dependsOn().forEach(dependency -> collect(dependency, nodes, needed));
        }
    }

    private int target(List<Stage> stages) {
        String target = context.options().target();
        if (target == null || target.isEmpty()) {
            return stages.size() - 1;
        }
        return context.stageNamed(target).map(Stage::index).orElseGet(() -> {
            List<String> names = stages.stream().map(Stage::displayName).toList();
            problems.add(context.dockerfile().fileName() + ": target stage \"" + target
                    + "\" could not be found (stages: " + String.join(", ", names) + ")");
            return -1;
        });
    }

    private StageNode node(Stage stage) {
        if (stage.name() != null && context.options().namedContexts().contains(stage.name())) {
            // a named context of the stage's name replaces the stage, as in BuildKit
            return new StageNode(stage.index(), stage.name(), new BuildSource.NamedContext(stage.name()), Set.of(),
                    Set.of());
        }
        Substitution global = new Substitution(context.lexer(), context.globalArgs(), stage.from().position(), problems);
        String baseName = global.word(stage.baseName());
        if (baseName.isEmpty()) {
            problems.add(stage.from().position() + ": base name (" + stage.baseName() + ") should not be blank");
        }
        if (stage.platform() != null) {
            String platform = global.word(stage.platform());
            checkPlatform(stage, platform);
        }
        BuildSource base = base(stage, baseName);
        Set<Integer> dependsOn = new TreeSet<>();
        Set<String> images = new TreeSet<>();
        if (base instanceof BuildSource.StageOutput output) {
            dependsOn.add(output.stageIndex());
        }
        for (Instruction instruction : stage.instructions()) {
            for (String name : sourceNames(instruction)) {
                String[] problem = new String[1];
                BuildSource source = context.resolve(name, stage.index(), problem);
                // an unresolvable name is reported by the stage's evaluation, at the flag
                if (source instanceof BuildSource.StageOutput output) {
                    dependsOn.add(output.stageIndex());
                } else if (source instanceof BuildSource.Image image) {
                    images.add(image.reference());
                }
            }
        }
        return new StageNode(stage.index(), stage.name(), base, dependsOn, images);
    }

    private BuildSource base(Stage stage, String baseName) {
        if (baseName.equalsIgnoreCase("scratch")) {
            return new BuildSource.Scratch();
        }
        if (context.options().namedContexts().contains(baseName)) {
            return new BuildSource.NamedContext(baseName);
        }
        String lower = baseName.toLowerCase(Locale.ROOT);
        for (Stage earlier : context.dockerfile().stages()) {
            if (earlier.index() < stage.index() && lower.equals(earlier.name())) {
                return new BuildSource.StageOutput(earlier.index());
            }
        }
        return new BuildSource.Image(baseName);
    }

    /** The names COPY --from and RUN --mount from= refer to (unsubstituted; variables are refused later). */
    static List<String> sourceNames(Instruction instruction) {
        List<String> names = new ArrayList<>();
        if (instruction.keyword().equals("COPY")) {
            instruction.flag("from").map(Flag::value).filter(value -> value != null && !value.isEmpty()
                    && !value.contains("$")).ifPresent(names::add);
        }
        if (instruction.keyword().equals("RUN")) {
            for (Flag mount : instruction.flagsNamed("mount")) {
                for (String field : MountSyntax.fields(mount.value() == null ? "" : mount.value())) {
                    if (field.toLowerCase(Locale.ROOT).startsWith("from=") && !field.contains("$")) {
                        names.add(field.substring(5));
                    }
                }
            }
        }
        return names;
    }

    private void checkPlatform(Stage stage, String platform) {
        BuildPlatform wanted = context.options().platform();
        try {
            BuildPlatform given = BuildPlatform.parse(platform);
            boolean same = given.os().equals(wanted.os()) && given.architecture().equals(wanted.architecture())
                    && (given.variant().isEmpty() || wanted.variant().isEmpty() || given.variant().equals(wanted.variant()));
            if (!same) {
                problems.add(stage.from().position() + ": FROM --platform=" + platform + ": Berth builds only for "
                        + "this machine's platform " + wanted + " (no emulation of other platforms)");
            }
        } catch (IllegalArgumentException e) {
            problems.add(stage.from().position() + ": FROM --platform: " + e.getMessage());
        }
    }
}
