package io.berth.runtime;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An image in the store: its id (the config digest), the references that name it, and the
 * parts of its config that running it needs; {@code pulledAt}: when each of its names (canonical
 * form) was last pulled, for {@code pull_policy: daily|weekly|every_<duration>} (read from the store, not kept
 * in a container's record); {@code platform}: the config's {@code os/architecture[/variant]}, empty
 * when it names neither (taken as the host's).
 */
public record ImageInfo(Digest id, List<ImageReference> references, long sizeBytes, Instant createdAt,
                        Config config, @JsonIgnore Map<String, Instant> pulledAt, String platform) {

    public ImageInfo {
        pulledAt = pulledAt == null ? Map.of() : Map.copyOf(pulledAt);
        platform = platform == null ? "" : platform;
    }

    /** An image whose config names no platform. */
    public ImageInfo(Digest id, List<ImageReference> references, long sizeBytes, Instant createdAt, Config config,
                     Map<String, Instant> pulledAt) {
        this(id, references, sizeBytes, createdAt, config, pulledAt, "");
    }

    /** An image with no recorded pull. */
    public ImageInfo(Digest id, List<ImageReference> references, long sizeBytes, Instant createdAt, Config config) {
        this(id, references, sizeBytes, createdAt, config, Map.of());
    }

    /**
     * The image's platform when its config names an OS or architecture other than this host's
     * (its programs would fail with "exec format error": Berth does not emulate), else empty.
     */
    public java.util.Optional<String> foreignPlatform() {
        return io.berth.runtime.image.Platform.runsHere(platform) ? java.util.Optional.empty()
                : java.util.Optional.of(platform);
    }

    /** This host's platform as images name it ("linux/amd64"): what {@link #foreignPlatform} compares with. */
    public static String hostPlatform() {
        return io.berth.runtime.image.Platform.host();
    }

    /** When {@code reference} was last pulled into this store, or null when it never was (loaded, built, imported). */
    public Instant lastPulled(ImageReference reference) {
        return pulledAt.get(reference.canonical());
    }

    /**
     * The OCI image config's "config" object, the fields Berth uses. Lists are never null (empty
     * when the image leaves them unset); {@code entrypoint} and {@code cmd} are null when unset,
     * because Docker tells "unset" from "empty" when it combines them with a service's overrides.
     */
    public record Config(List<String> entrypoint, List<String> cmd, List<String> env,
                         String workingDir, String user, List<String> exposedPorts,
                         List<String> volumes, Map<String, String> labels, String stopSignal,
                         Healthcheck healthcheck) {

        /** The fields the skeleton had; {@code healthcheck} unset. */
        public Config(List<String> entrypoint, List<String> cmd, List<String> env, String workingDir,
                      String user, List<String> exposedPorts, List<String> volumes,
                      Map<String, String> labels, String stopSignal) {
            this(entrypoint, cmd, env, workingDir, user, exposedPorts, volumes, labels, stopSignal, null);
        }
    }

    /**
     * The image's HEALTHCHECK: {@code test} as Docker stores it (["NONE"], ["CMD", ...],
     * ["CMD-SHELL", "cmd"]); durations null when unset (Docker's defaults apply).
     */
    public record Healthcheck(List<String> test, Duration interval, Duration timeout, Duration startPeriod,
                              Integer retries) {
    }
}
