package io.berth.model;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One service of a Compose project, normalized: every short syntax already turned into its long
 * form, relative paths resolved, variables interpolated. Lists and maps are never null (empty when
 * not set) except {@code command} and {@code entrypoint}, where null means "use the image's".
 * Optional scalars are null when the file does not set them.
 */
public record Service(
        String name,
        List<String> profiles,
        String image,
        BuildConfig build,
        String pullPolicy,
        String platform,
        List<String> command,
        List<String> entrypoint,
        /** Ordered; a null value means "unset" (the variable was named without a value). */
        Map<String, String> environment,
        List<EnvFile> envFiles,
        List<PortConfig> ports,
        List<String> expose,
        List<ServiceVolume> volumes,
        List<String> tmpfs,
        Map<String, ServiceNetwork> networks,
        String networkMode,
        Map<String, DependsOn> dependsOn,
        List<String> links,
        List<String> externalLinks,
        List<String> volumesFrom,
        String ipc,
        String pid,
        String hostname,
        String domainname,
        String containerName,
        String user,
        String workingDir,
        Map<String, String> labels,
        Map<String, String> annotations,
        Healthcheck healthcheck,
        String restart,
        String stopSignal,
        Duration stopGracePeriod,
        boolean readOnly,
        List<String> capAdd,
        List<String> capDrop,
        boolean privileged,
        List<String> securityOpt,
        /** Hostname to addresses, in file order ({@code extra_hosts}). */
        Map<String, List<String>> extraHosts,
        List<String> dns,
        List<String> dnsSearch,
        List<String> dnsOpt,
        Map<String, String> sysctls,
        Map<String, Ulimit> ulimits,
        /** Bytes; null when not set. From {@code mem_limit} or {@code deploy.resources.limits.memory}. */
        Long memLimit,
        Long memReservation,
        Long memswapLimit,
        /** From {@code cpus} or {@code deploy.resources.limits.cpus}. */
        Double cpus,
        Long cpuShares,
        String cpuset,
        Long pidsLimit,
        Long shmSize,
        /** From {@code scale} or {@code deploy.replicas}; null when neither is set (means 1). */
        Integer replicas,
        Boolean init,
        boolean tty,
        boolean stdinOpen,
        List<String> groupAdd,
        List<FileReference> secrets,
        List<FileReference> configs,
        Logging logging,
        List<String> devices,
        String macAddress,
        Integer oomScoreAdj,
        String cgroupParent,
        String usernsMode,
        /** {@code post_start:} hooks, run in order after each start of a container. */
        List<ServiceHook> postStart,
        /** {@code pre_stop:} hooks, run in order before a running container is stopped. */
        List<ServiceHook> preStop,
        /** {@code device_cgroup_rules:} as written ("c 1:3 mr", "a *:* rwm"). */
        List<String> deviceCgroupRules,
        /** {@code deploy:} as the orchestrators read it; null when not set. */
        DeployConfig deploy,
        /** {@code x-*} keys of the service, as plain Java values (maps, lists, strings, numbers). */
        Map<String, Object> extensions,
        /**
         * The attributes the file sets, sorted, each with its text when it is a scalar (else ""):
         * top-level keys, and the keys under {@code deploy}, {@code deploy.resources.limits}/
         * {@code reservations} and {@code build} as dotted paths
         * ({@code deploy.resources.reservations.devices}); what the engine checks Berth supports.
         */
        java.util.SortedMap<String, String> attributes) {

    public Service {
        postStart = postStart == null ? List.of() : List.copyOf(postStart);
        preStop = preStop == null ? List.of() : List.copyOf(preStop);
        deviceCgroupRules = deviceCgroupRules == null ? List.of() : List.copyOf(deviceCgroupRules);
        attributes = attributes == null ? java.util.Collections.emptySortedMap()
                : java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(attributes));
    }

    /** Replicas to run: {@code scale}/{@code deploy.replicas}, 1 when unset. */
    public int replicaCount() {
        return replicas == null ? 1 : replicas;
    }
}
