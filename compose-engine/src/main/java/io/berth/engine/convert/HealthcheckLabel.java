package io.berth.engine.convert;

import io.berth.model.Healthcheck;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A service's healthcheck as the {@code io.berth.healthcheck} label the supervisor reads. */
final class HealthcheckLabel {
    private HealthcheckLabel() {
    }

    /**
     * Empty when the service sets none (the image's applies); {"test":["NONE"]} when it disables
     * it, which also turns off the image's.
     */
    static Optional<String> of(Healthcheck healthcheck) {
        if (healthcheck == null) {
            return Optional.empty();
        }
        if (healthcheck.disable() || healthcheck.test() == null || healthcheck.test().isEmpty()
                || healthcheck.test().get(0).equals("NONE")) {
            return Optional.of("{\"test\":[\"NONE\"]}");
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("test", healthcheck.test());
        putMillis(json, "interval_ms", healthcheck.interval());
        putMillis(json, "timeout_ms", healthcheck.timeout());
        putMillis(json, "start_period_ms", healthcheck.startPeriod());
        putMillis(json, "start_interval_ms", healthcheck.startInterval());
        if (healthcheck.retries() != null) {
            json.put("retries", healthcheck.retries());
        }
        return Optional.of(ConfigDiff.toJson(json));
    }

    private static void putMillis(Map<String, Object> json, String key, Duration duration) {
        if (duration != null) {
            json.put(key, duration.toMillis());
        }
    }
}
