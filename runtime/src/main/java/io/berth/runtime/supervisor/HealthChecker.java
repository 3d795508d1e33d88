package io.berth.runtime.supervisor;

import io.berth.runtime.ContainerId;
import io.berth.runtime.ContainerState;
import io.berth.runtime.state.ContainerRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs running containers' healthchecks as Docker does: "starting" until the first success;
 * "healthy" after a success; "unhealthy" after {@code retries} failures in a row (failures in the
 * start period do not count). Checks run on a small shared pool, never a thread per container;
 * a status is written to state.json only when it changes.
 */
final class HealthChecker {
    static final String STARTING = "starting";
    static final String HEALTHY = "healthy";
    static final String UNHEALTHY = "unhealthy";
    private final ContainerManager manager;
    private final HealthProbe probe;
    private final ScheduledExecutorService pool;
    private final Map<ContainerId, Watch> watches = new ConcurrentHashMap<>();

    private static final class Watch {
        final long pid;
        final HealthcheckConfig config;
        final Instant started;
        int failures;
        boolean succeededOnce;
        ScheduledFuture<?> next;

        Watch(long pid, HealthcheckConfig config, Instant started) {
            this.pid = pid;
            this.config = config;
            this.started = started;
        }
    }

    HealthChecker(ContainerManager manager, HealthProbe probe, ScheduledExecutorService pool) {
        this.manager = manager;
        this.probe = probe;
        this.pool = pool;
    }

    /** The status a container starts with: "starting" when it has a healthcheck, else null. */
    static String initialStatus(ContainerRecord record) {
        return HealthcheckConfig.of(record.spec(), record.image()).isPresent() ? STARTING : null;
    }

    /** Begins checking a running container (after start or re-adoption). */
    void watch(ContainerRecord record) {
        Optional<HealthcheckConfig> config = HealthcheckConfig.of(record.spec(), record.image());
        if (config.isEmpty() || probe == null) {
            return;
        }
        Instant started = record.startedAt() == null ? Instant.now() : record.startedAt();
        Watch watch = new Watch(record.pid(), config.get(), started);
        Watch previous = watches.put(record.id(), watch);
        if (previous != null && previous.next != null) {
            previous.next.cancel(false);
        }
        schedule(record.id(), watch);
    }

    void forget(ContainerId id) {
        Watch watch = watches.remove(id);
        if (watch != null && watch.next != null) {
            watch.next.cancel(false);
        }
    }

    private void schedule(ContainerId id, Watch watch) {
        boolean inStartPeriod = !watch.succeededOnce
                && Instant.now().isBefore(watch.started.plus(watch.config.startPeriod()));
        Duration delay = inStartPeriod ? watch.config.startInterval() : watch.config.interval();
        watch.next = pool.schedule(() -> check(id, watch), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void check(ContainerId id, Watch watch) {
        if (watches.get(id) != watch) {
            return;
        }
        ContainerRecord record = manager.records().get(id);
        if (record == null || !ContainerManager.isUp(record) || record.pid() != watch.pid) {
            watches.remove(id, watch);
            return;
        }
        if (record.state() == ContainerState.PAUSED) {
            schedule(id, watch); // frozen, not failing: probe again once it is thawed
            return;
        }
        boolean inStartPeriod = Instant.now().isBefore(watch.started.plus(watch.config.startPeriod()));
        boolean healthy;
        try {
            healthy = probe.probe(record.toInfo(), watch.config.argv(), watch.config.timeout());
        } catch (RuntimeException e) {
            healthy = false;
        }
        String status;
        if (healthy) {
            watch.failures = 0;
            watch.succeededOnce = true;
            status = HEALTHY;
        } else if (inStartPeriod && !watch.succeededOnce) {
            status = STARTING; // failures in the start period do not count
        } else {
            watch.failures++;
            status = watch.failures >= watch.config.retries() ? UNHEALTHY
                    : record.health() == null ? STARTING : record.health();
        }
        saveHealth(id, watch.pid, status);
        if (watches.get(id) == watch) {
            schedule(id, watch);
        }
    }

    /** Under the container's lock; written only when it changed and the PID is the same. */
    private void saveHealth(ContainerId id, long pid, String status) {
        manager.withLock(id, () -> {
            ContainerRecord record = manager.records().get(id);
            if (record == null || record.pid() != pid || record.state() != ContainerState.RUNNING
                    || Objects.equals(record.health(), status)) {
                return;
            }
            ContainerRecord updated = record.toBuilder().health(status).build();
            manager.store().save(updated);
            manager.publish(updated);
        });
    }
}
