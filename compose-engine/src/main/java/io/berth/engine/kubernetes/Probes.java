package io.berth.engine.kubernetes;

import io.berth.model.Healthcheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Compose healthcheck as an exec probe, used both for liveness (the container is restarted when it
 * fails, as Swarm does) and readiness (the Service sends no traffic until it passes, which is what
 * {@code depends_on: service_healthy} waits for). Compose's defaults: 30 s interval and timeout, 3 retries.
 */
final class Probes {
    private static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);

    private Probes() {
    }

    /** The probe, or null when the service has none (or disables the image's). */
    static Map<String, Object> probe(Healthcheck healthcheck, boolean liveness) {
        if (healthcheck == null || healthcheck.disable() || healthcheck.test() == null || healthcheck.test().isEmpty()
                || healthcheck.test().get(0).equals("NONE")) {
            return null;
        }
        List<String> test = healthcheck.test();
        List<String> command = new ArrayList<>();
        if (test.get(0).equals("CMD-SHELL")) {
            command.addAll(List.of("/bin/sh", "-c", String.join(" ", test.subList(1, test.size()))));
        } else if (test.get(0).equals("CMD")) {
            command.addAll(test.subList(1, test.size()));
        } else {
            command.addAll(List.of("/bin/sh", "-c", String.join(" ", test)));
        }
        Duration interval = healthcheck.interval() == null ? DEFAULT_INTERVAL : healthcheck.interval();
        Duration timeout = healthcheck.timeout() == null ? DEFAULT_INTERVAL : healthcheck.timeout();
        Integer delay = liveness && healthcheck.startPeriod() != null ? seconds(healthcheck.startPeriod()) : null;
        return Tree.map("exec", Tree.map("command", command),
                "initialDelaySeconds", delay == null || delay == 0 ? null : delay,
                "periodSeconds", seconds(interval),
                "timeoutSeconds", seconds(timeout),
                "failureThreshold", healthcheck.retries() == null ? 3 : Math.max(1, healthcheck.retries()));
    }

    /** Whole seconds, rounded up, at least 1 (a probe's fields must be positive). */
    static int seconds(Duration duration) {
        long seconds = duration.toSeconds() + (duration.toNanosPart() > 0 ? 1 : 0);
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, seconds));
    }
}
