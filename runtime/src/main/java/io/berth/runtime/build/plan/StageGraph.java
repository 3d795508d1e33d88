package io.berth.runtime.build.plan;

import java.util.List;

/**
 * The stages a target needs, in an order where every stage comes after the stages it depends on
 * (ties broken by index). {@link #waves()} groups stages that can be built at the same time.
 *
 * @param target the target stage's index (the last of {@code stages})
 * @param stages only the needed stages, in build order
 */
public record StageGraph(int target, List<StageNode> stages) {
    public StageGraph {
        stages = List.copyOf(stages);
    }

    /** The node of {@code stageIndex}, which must be needed. */
    public StageNode node(int stageIndex) {
        return stages.stream().filter(node -> node.stageIndex() == stageIndex).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("stage " + stageIndex + " is not needed"));
    }

    /**
     * Waves of stages: every stage of a wave depends only on stages of earlier waves, so a wave's
     * stages can be built in parallel. A scheduler may do better by starting each stage as soon
     * as its own dependencies are done ({@link StageNode#dependsOn}).
     */
    public List<List<StageNode>> waves() {
        java.util.Map<Integer, Integer> waveOf = new java.util.HashMap<>();
        List<List<StageNode>> waves = new java.util.ArrayList<>();
        for (StageNode node : stages) {
            int wave = 0;
            for (int dependency : node.dependsOn()) {
                wave = Math.max(wave, waveOf.getOrDefault(dependency, -1) + 1);
            }
            waveOf.put(node.stageIndex(), wave);
            while (waves.size() <= wave) {
                waves.add(new java.util.ArrayList<>());
            }
            waves.get(wave).add(node);
        }
        return waves.stream().map(List::copyOf).toList();
    }
}
