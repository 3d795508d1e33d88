package io.berth.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An image in the store: its id (the config digest), the references that name it, and the
 * parts of its config that running it needs.
 */
public record ImageInfo(Digest id, List<ImageReference> references, long sizeBytes, Instant createdAt,
                        Config config) {

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
