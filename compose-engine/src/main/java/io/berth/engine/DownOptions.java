package io.berth.engine;

import java.time.Duration;

/** What {@code down} was asked: remove named volumes ({@code -v}), orphans, the stop timeout. */
public record DownOptions(boolean removeVolumes, boolean removeOrphans, Duration stopTimeout) {
    public static DownOptions defaults() {
        return new DownOptions(false, false, null);
    }
}
