package io.berth.runtime;

import java.time.Duration;

/**
 * How a stop went: {@code killedEarly} when PID 1 did not handle the stop signal and was killed
 * at once instead of waiting out the grace period; {@code killedAfterTimeout} when the grace
 * period ran out.
 */
public record StopResult(ContainerId id, boolean wasRunning, boolean killedEarly,
                         boolean killedAfterTimeout, Duration took) {
}
