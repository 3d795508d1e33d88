package io.berth.runtime.build;

import io.berth.runtime.ImageReference;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One image build, as {@code docker build} / Compose {@code build:} describe it. Maps keep the
 * caller's order (pass LinkedHashMap or Map.of-sorted); nothing here is read from the environment.
 *
 * @param contextDir      the build context (a directory; Git URLs are refused by the caller)
 * @param dockerfile      where the Dockerfile comes from: a path or inline text
 * @param target          the stage to build; empty = the last stage
 * @param buildArgs       --build-arg values (a null value = take it from the caller's env, resolved by the caller)
 * @param labels          labels added to the image config (after the Dockerfile's own LABELs)
 * @param tags            names given to the result; may be empty (the image is then known by id)
 * @param noCache         --no-cache: every step runs
 * @param pull            --pull: base images are pulled even when present
 * @param network         the default network of RUN steps (a RUN --network=... overrides it)
 * @param namedContexts   additional_contexts / --build-context: name to a directory or an image
 * @param secrets         RUN --mount=type=secret,id=ID: id to a host file
 * @param extraHosts      host name to address, added to /etc/hosts of RUN steps
 * @param shmSize         size of /dev/shm in RUN steps; empty = the runtime's default (64 MiB)
 * @param ulimits         RUN steps' rlimits, name (nofile, nproc, ...) to soft/hard
 * @param privileged      RUN steps run privileged (all capabilities, no seccomp, all devices)
 * @param sourceDateEpoch SOURCE_DATE_EPOCH: fixed timestamps in layers and config, reproducible ids
 * @param explain         report why each step missed the cache (BuildListener#cacheMiss always gets it; this asks for details)
 */
public record BuildRequest(
        Path contextDir,
        DockerfileSource dockerfile,
        Optional<String> target,
        Map<String, String> buildArgs,
        Map<String, String> labels,
        List<ImageReference> tags,
        boolean noCache,
        boolean pull,
        BuildNetwork network,
        Map<String, NamedContext> namedContexts,
        Map<String, Path> secrets,
        Map<String, String> extraHosts,
        Optional<Long> shmSizeBytes,
        Map<String, Ulimit> ulimits,
        boolean privileged,
        Optional<Instant> sourceDateEpoch,
        boolean explain) {

    public BuildRequest {
        Objects.requireNonNull(contextDir, "contextDir");
        Objects.requireNonNull(dockerfile, "dockerfile");
        target = target == null ? Optional.empty() : target;
        buildArgs = buildArgs == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(buildArgs));
        labels = labels == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(labels));
        tags = tags == null ? List.of() : List.copyOf(tags);
        network = network == null ? BuildNetwork.DEFAULT : network;
        namedContexts = namedContexts == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(namedContexts));
        secrets = secrets == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(secrets));
        extraHosts = extraHosts == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extraHosts));
        shmSizeBytes = shmSizeBytes == null ? Optional.empty() : shmSizeBytes;
        ulimits = ulimits == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(ulimits));
        sourceDateEpoch = sourceDateEpoch == null ? Optional.empty() : sourceDateEpoch;
    }

    /** A request with defaults: ./Dockerfile of the context, last stage, default network. */
    public static BuildRequest of(Path contextDir) {
        return builder(contextDir).build();
    }

    public static Builder builder(Path contextDir) {
        return new Builder(contextDir);
    }

    /** Where the Dockerfile text comes from. */
    public sealed interface DockerfileSource {
        /** A file (relative paths are resolved against the context directory). */
        record File(Path path) implements DockerfileSource { }

        /** Compose's dockerfile_inline; {@code displayName} is used in errors ("Dockerfile"). */
        record Inline(String text, String displayName) implements DockerfileSource { }
    }

    /** An additional named context (COPY --from=NAME, FROM NAME, RUN --mount=from=NAME). */
    public sealed interface NamedContext {
        record Directory(Path path) implements NamedContext { }

        record Image(ImageReference reference) implements NamedContext { }
    }

    public record Ulimit(long soft, long hard) { }

    /** Mutable helper to assemble a request; every field starts at its docker build default. */
    public static final class Builder {
        private final Path contextDir;
        private DockerfileSource dockerfile = new DockerfileSource.File(Path.of("Dockerfile"));
        private Optional<String> target = Optional.empty();
        private Map<String, String> buildArgs = Map.of();
        private Map<String, String> labels = Map.of();
        private List<ImageReference> tags = List.of();
        private boolean noCache;
        private boolean pull;
        private BuildNetwork network = BuildNetwork.DEFAULT;
        private Map<String, NamedContext> namedContexts = Map.of();
        private Map<String, Path> secrets = Map.of();
        private Map<String, String> extraHosts = Map.of();
        private Optional<Long> shmSizeBytes = Optional.empty();
        private Map<String, Ulimit> ulimits = Map.of();
        private boolean privileged;
        private Optional<Instant> sourceDateEpoch = Optional.empty();
        private boolean explain;

        private Builder(Path contextDir) {
            this.contextDir = contextDir;
        }

        public Builder dockerfile(Path path) { this.dockerfile = new DockerfileSource.File(path); return this; }
        public Builder dockerfileInline(String text) { this.dockerfile = new DockerfileSource.Inline(text, "Dockerfile"); return this; }
        public Builder target(String stage) { this.target = Optional.ofNullable(stage); return this; }
        public Builder buildArgs(Map<String, String> args) { this.buildArgs = args; return this; }
        public Builder labels(Map<String, String> values) { this.labels = values; return this; }
        public Builder tags(List<ImageReference> names) { this.tags = names; return this; }
        public Builder noCache(boolean value) { this.noCache = value; return this; }
        public Builder pull(boolean value) { this.pull = value; return this; }
        public Builder network(BuildNetwork value) { this.network = value; return this; }
        public Builder namedContexts(Map<String, NamedContext> values) { this.namedContexts = values; return this; }
        public Builder secrets(Map<String, Path> values) { this.secrets = values; return this; }
        public Builder extraHosts(Map<String, String> values) { this.extraHosts = values; return this; }
        public Builder shmSize(long bytes) { this.shmSizeBytes = Optional.of(bytes); return this; }
        public Builder ulimits(Map<String, Ulimit> values) { this.ulimits = values; return this; }
        public Builder privileged(boolean value) { this.privileged = value; return this; }
        public Builder sourceDateEpoch(Instant value) { this.sourceDateEpoch = Optional.ofNullable(value); return this; }
        public Builder explain(boolean value) { this.explain = value; return this; }

        public BuildRequest build() {
            return new BuildRequest(contextDir, dockerfile, target, buildArgs, labels, tags, noCache, pull, network,
                    namedContexts, secrets, extraHosts, shmSizeBytes, ulimits, privileged, sourceDateEpoch, explain);
        }
    }
}
