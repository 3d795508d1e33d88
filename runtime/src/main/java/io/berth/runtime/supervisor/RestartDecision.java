package io.berth.runtime.supervisor;

import io.berth.runtime.ContainerSpec.RestartPolicy;
import java.time.Duration;
import java.util.Locale;

/**
 * Whether a container that exited is started again, and after how long (Docker's policies:
 * always, unless-stopped, on-failure[:N]; backoff doubling from 100 ms up to one minute, reset
 * after a run of ten seconds or more).
 */
final class RestartDecision {
    static final Duration FIRST_DELAY = Duration.ofMillis(100);
    static final Duration MAX_DELAY = Duration.ofMinutes(1);
    static final Duration RESET_AFTER = Duration.ofSeconds(10);

    private RestartDecision() {
    }

    /**
     * @param exitCode      null when unknown (exited unsupervised): counted as a failure
     * @param stoppedByUser stop or kill was asked for: no restart, whatever the policy
     * @param restartCount  restarts so far (on-failure:N allows N)
     */
    static boolean shouldRestart(RestartPolicy policy, Integer exitCode, boolean stoppedByUser, int restartCount) {
        if (stoppedByUser || policy == null) {
            return false;
        }
        String name = policy.name() == null ? "no" : policy.name().toLowerCase(Locale.ROOT);
        int maxRetries = policy.maximumRetryCount();
        int colon = name.indexOf(':');
        if (colon >= 0) {
            maxRetries = Integer.parseInt(name.substring(colon + 1).trim());
            name = name.substring(0, colon);
        }
        return switch (name) {
            case "always", "unless-stopped" -> true;
            case "on-failure" -> (exitCode == null || exitCode != 0) && (maxRetries <= 0 || restartCount < maxRetries);
            default -> false;
        };
    }

    static Duration delay(int restartCount, Duration lastRun) {
        if (lastRun != null && lastRun.compareTo(RESET_AFTER) >= 0) {
            return FIRST_DELAY;
        }
        Duration delay = FIRST_DELAY.multipliedBy(1L << Math.min(restartCount, 20));
        return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
    }
}
