package io.berth.runtime;

import java.time.Instant;

/** Which log lines to read: {@code tail} null for all; {@code since}/{@code until} null for open. */
public record LogQuery(boolean follow, Integer tail, Instant since, Instant until) {
    public static final LogQuery ALL = new LogQuery(false, null, null, null);
}
