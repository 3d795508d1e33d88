package io.berth.runtime.build.plan;

import java.time.Duration;
import java.util.List;

/**
 * An image's HEALTHCHECK as the OCI/Docker config holds it. {@code test} is {@code ["NONE"]} for
 * {@code HEALTHCHECK NONE}, {@code ["CMD-SHELL", cmd]} for the shell form, {@code ["CMD", ...]} for
 * the exec form. A zero duration / null retries means "not set" (inherit the runtime's default).
 */
public record Healthcheck(List<String> test, Duration interval, Duration timeout, Duration startPeriod,
                          Duration startInterval, Integer retries) {
    public Healthcheck {
        test = List.copyOf(test);
    }
}
