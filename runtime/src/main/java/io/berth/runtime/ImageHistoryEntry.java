package io.berth.runtime;

import java.time.Instant;

/**
 * One step of an image's history (its config's {@code history}, oldest first): when, the
 * command, the size of the layer it made (0 for a step that made none), its comment. An image
 * without history gets one entry per layer, as Docker shows it.
 */
public record ImageHistoryEntry(Instant created, String createdBy, long sizeBytes, String comment, boolean emptyLayer) {
}
