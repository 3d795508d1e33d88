package io.berth.model;

import java.time.Duration;
import java.util.List;

/**
 * {@code healthcheck:} of a service. {@code test} is in exec form ({@code ["CMD", ...]},
 * {@code ["CMD-SHELL", "..."]} or {@code ["NONE"]}); unset durations and retries are null.
 */
public record Healthcheck(
        List<String> test,
        Duration interval,
        Duration timeout,
        Duration startPeriod,
        Duration startInterval,
        Integer retries,
        boolean disable) {
}
