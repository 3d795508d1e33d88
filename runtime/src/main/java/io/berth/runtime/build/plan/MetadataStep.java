package io.berth.runtime.build.plan;

import io.berth.runtime.build.dockerfile.SourcePosition;
import java.util.SortedMap;

/**
 * A step that only changes the image settings or records history: ENV, LABEL, WORKDIR (see
 * {@link #createsWorkdir}), USER, EXPOSE, VOLUME, CMD, ENTRYPOINT, SHELL, HEALTHCHECK, STOPSIGNAL,
 * ONBUILD, MAINTAINER, ARG (ONBUILD gives no history entry: {@link #inHistory} false).
 *
 * @param createsWorkdir for WORKDIR other than "/": the absolute directory to create (mkdir -p,
 *                       mode 0755, owned by the USER in force, as BuildKit does); such a step makes a
 *                       layer ({@link #emptyLayer} false) as in BuildKit; null otherwise
 * @param inHistory      false for ONBUILD, which BuildKit keeps out of the history (ARG is in it)
 */
public record MetadataStep(SourcePosition position, String keyword, String instruction, String createdBy,
                           ImageSettings settings, SortedMap<String, String> usedBuildArgs,
                           String createsWorkdir, boolean inHistory) implements BuildStep {
    public MetadataStep {
        usedBuildArgs = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(usedBuildArgs));
    }

    @Override
    public boolean emptyLayer() {
        return createsWorkdir == null;
    }
}
