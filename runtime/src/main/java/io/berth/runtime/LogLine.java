package io.berth.runtime;

import java.time.Instant;

/** One line a container wrote, with the time it was read and the stream ("stdout"/"stderr"). */
public record LogLine(ContainerId container, Instant time, String stream, String text) {
}
