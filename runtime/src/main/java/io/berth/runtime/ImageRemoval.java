package io.berth.runtime;

import java.util.List;

/** What {@code image rm} did, as Docker prints it: "Untagged: busybox:latest", "Deleted: sha256:...". */
public record ImageRemoval(List<ImageReference> untagged, List<Digest> deleted) {
}
