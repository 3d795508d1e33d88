package io.berth.runtime.logs;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Whether a followed container still runs, asked by {@link LogReader} between reads. */
@FunctionalInterface
public interface Liveness {
    /**
     * Waits at most {@code atMost} for the container to stop running, returning as soon as it
     * has (false) or when the time is up and it still runs (true). A zero wait only asks.
     */
    boolean runningAfter(Duration atMost);

    /** From a plain question: asks, then sleeps the whole wait when it still runs. */
    static Liveness polling(BooleanSupplier stillRunning) {
        return atMost -> {
            if (!stillRunning.getAsBoolean()) {
                return false;
            }
            if (!atMost.isZero()) {
                try {
                    Thread.sleep(atMost.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new io.berth.runtime.RuntimeOperationException(
                            io.berth.runtime.RuntimeOperationException.Kind.FAILED, "log follow interrupted");
                }
            }
            return true;
        };
    }
}
