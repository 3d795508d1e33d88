package io.berth.model;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code deploy:} of a service, as the orchestrators (Swarm, Kubernetes) read it. The local engine
 * uses only {@code replicas} and the resources, which {@link Service} carries already. Null fields
 * are not set.
 */
public record DeployConfig(
        /** {@code replicated} (the default) or {@code global}. */
        String mode,
        Integer replicas,
        Map<String, String> labels,
        Resources limits,
        Resources reservations,
        RestartPolicy restartPolicy,
        Placement placement,
        UpdateConfig updateConfig,
        UpdateConfig rollbackConfig,
        /** {@code vip} or {@code dnsrr}. */
        String endpointMode) {

    /** Whether Swarm runs one task per node ({@code mode: global}). */
    public boolean global() {
        return "global".equals(mode);
    }

    /** {@code resources.limits} or {@code resources.reservations}: CPUs, bytes of memory, PIDs. */
    public record Resources(Double cpus, Long memory, Long pids) {
        public boolean empty() {
            return cpus == null && memory == null && pids == null;
        }
    }

    /** {@code restart_policy}: condition {@code none}, {@code on-failure} or {@code any}. */
    public record RestartPolicy(String condition, Duration delay, Integer maxAttempts, Duration window) {
    }

    /** {@code placement}: constraints as written, spread preferences, a per-node cap. */
    public record Placement(List<String> constraints, List<String> spreadPreferences, Integer maxReplicasPerNode) {
    }

    /** {@code update_config} and {@code rollback_config}. */
    public record UpdateConfig(Integer parallelism, Duration delay, String failureAction, Duration monitor,
                               Double maxFailureRatio, String order) {
    }
}
