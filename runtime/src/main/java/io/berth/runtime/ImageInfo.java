package io.berth.runtime;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An image in the store: its id (the config digest), the references that name it, and the
 * parts of its config that running it needs.
 */
public record ImageInfo(Digest id, List<ImageReference> references, long sizeBytes, Instant createdAt,
                        Config config) {

    /** The OCI image config's "config" object, the fields Berth uses. */
    public record Config(List<String> entrypoint, List<String> cmd, List<String> env,
                         String workingDir, String user, List<String> exposedPorts,
                         List<String> volumes, Map<String, String> labels, String stopSignal) {
    }
}
