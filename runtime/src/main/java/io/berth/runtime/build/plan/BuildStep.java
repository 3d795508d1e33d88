package io.berth.runtime.build.plan;

import io.berth.runtime.build.dockerfile.SourcePosition;
import java.util.SortedMap;

/**
 * One step of a stage, fully substituted: what build-back executes (RUN, COPY/ADD) or only records
 * (metadata). Every step carries the image settings after it, so the last step's settings are the
 * image's and a RUN sees the env/user/workdir in force.
 */
public sealed interface BuildStep permits MetadataStep, RunStep, CopyStep {
    /** Where the instruction is (for an ONBUILD trigger: the child's FROM line). */
    SourcePosition position();

    /**
     * The instruction after substitution, as it is shown in progress and compared for the cache,
     * e.g. {@code RUN make -j4}, {@code COPY --chown=app src/ /app/}.
     */
    String instruction();

    /** The history entry's {@code created_by}, as BuildKit writes it. */
    String createdBy();

    /** True when the step adds no layer (history {@code empty_layer}). */
    boolean emptyLayer();

    /** The image settings in force after this step. */
    ImageSettings settings();

    /** The build args this step uses (name to value), which belong in its cache key. */
    SortedMap<String, String> usedBuildArgs();
}
