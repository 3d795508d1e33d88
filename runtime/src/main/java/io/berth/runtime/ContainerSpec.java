package io.berth.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to create one container. Image defaults (ENTRYPOINT, CMD, ENV, WORKDIR,
 * USER, STOPSIGNAL) are combined with these by the runtime, as Docker does: a null field means
 * "the image's", an empty list means "explicitly none".
 *
 * @param image         the image to run (must already be in the store)
 * @param entrypoint    overrides the image's ENTRYPOINT (and then drops its CMD) when non-null
 * @param command       overrides the image's CMD when non-null
 * @param environment   KEY=VALUE, applied over the image's ENV in order
 * @param user          "uid", "name", "uid:gid", "name:group"; null: the image's
 * @param networkMode   how the network namespace is made; see {@link NetworkMode}
 * @param networks      one attachment per network for {@link NetworkMode.Bridge}, in interface order
 * @param extraHosts    extra /etc/hosts lines as "name:ip" (name may be "a b" for several)
 * @param stopSignal    e.g. "SIGTERM"; null: the image's, else SIGTERM
 * @param options       what later issues added (init, security options, ...); {@link Options#NONE} when none
 */
public record ContainerSpec(
        String name,
        Map<String, String> labels,
        ImageReference image,
        List<String> entrypoint,
        List<String> command,
        List<String> environment,
        String user,
        List<String> groupAdd,
        String workingDir,
        String hostname,
        String domainname,
        boolean tty,
        boolean stdinOpen,
        String stopSignal,
        Duration stopGracePeriod,
        List<MountSpec> mounts,
        NetworkMode networkMode,
        List<NetworkAttachment> networks,
        List<PortBinding> ports,
        List<String> extraHosts,
        List<String> dns,
        List<String> dnsSearch,
        List<String> dnsOptions,
        boolean readOnlyRootfs,
        List<String> capAdd,
        List<String> capDrop,
        boolean privileged,
        Resources resources,
        RestartPolicy restartPolicy,
        Map<String, String> sysctls,
        List<Ulimit> ulimits,
        Long shmSizeBytes,
        String ipcMode,
        String pidMode,
        List<LinkSpec> links,
        Options options) {

    public ContainerSpec {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        environment = environment == null ? List.of() : List.copyOf(environment);
        groupAdd = groupAdd == null ? List.of() : List.copyOf(groupAdd);
        mounts = mounts == null ? List.of() : List.copyOf(mounts);
        networkMode = networkMode == null ? new NetworkMode.Bridge() : networkMode;
        networks = networks == null ? List.of() : List.copyOf(networks);
        ports = ports == null ? List.of() : List.copyOf(ports);
        extraHosts = extraHosts == null ? List.of() : List.copyOf(extraHosts);
        dns = dns == null ? List.of() : List.copyOf(dns);
        dnsSearch = dnsSearch == null ? List.of() : List.copyOf(dnsSearch);
        dnsOptions = dnsOptions == null ? List.of() : List.copyOf(dnsOptions);
        capAdd = capAdd == null ? List.of() : List.copyOf(capAdd);
        capDrop = capDrop == null ? List.of() : List.copyOf(capDrop);
        resources = resources == null ? Resources.NONE : resources;
        restartPolicy = restartPolicy == null ? RestartPolicy.NO : restartPolicy;
        sysctls = sysctls == null ? Map.of() : Map.copyOf(sysctls);
        ulimits = ulimits == null ? List.of() : List.copyOf(ulimits);
        links = links == null ? List.of() : List.copyOf(links);
        entrypoint = entrypoint == null ? null : List.copyOf(entrypoint);
        command = command == null ? null : List.copyOf(command);
        options = options == null ? Options.NONE : options;
    }

    /** The spec without {@link Options} (as before they existed). */
    public ContainerSpec(String name, Map<String, String> labels, ImageReference image, List<String> entrypoint,
                         List<String> command, List<String> environment, String user, List<String> groupAdd,
                         String workingDir, String hostname, String domainname, boolean tty, boolean stdinOpen,
                         String stopSignal, Duration stopGracePeriod, List<MountSpec> mounts, NetworkMode networkMode,
                         List<NetworkAttachment> networks, List<PortBinding> ports, List<String> extraHosts,
                         List<String> dns, List<String> dnsSearch, List<String> dnsOptions, boolean readOnlyRootfs,
                         List<String> capAdd, List<String> capDrop, boolean privileged, Resources resources,
                         RestartPolicy restartPolicy, Map<String, String> sysctls, List<Ulimit> ulimits,
                         Long shmSizeBytes, String ipcMode, String pidMode, List<LinkSpec> links) {
        this(name, labels, image, entrypoint, command, environment, user, groupAdd, workingDir, hostname, domainname,
                tty, stdinOpen, stopSignal, stopGracePeriod, mounts, networkMode, networks, ports, extraHosts, dns,
                dnsSearch, dnsOptions, readOnlyRootfs, capAdd, capDrop, privileged, resources, restartPolicy, sysctls,
                ulimits, shmSizeBytes, ipcMode, pidMode, links, Options.NONE);
    }

    /** This spec with {@code options} instead of its own. */
    public ContainerSpec withOptions(Options replacement) {
        return new ContainerSpec(name, labels, image, entrypoint, command, environment, user, groupAdd,
                workingDir, hostname, domainname, tty, stdinOpen, stopSignal, stopGracePeriod, mounts,
                networkMode, networks, ports, extraHosts, dns, dnsSearch, dnsOptions, readOnlyRootfs, capAdd,
                capDrop, privileged, resources, restartPolicy, sysctls, ulimits, shmSizeBytes, ipcMode, pidMode,
                links, replacement);
    }

    /** Docker's security options (seccomp=unconfined|PROFILE-JSON, no-new-privileges), from {@link Options}. */
    public List<String> securityOpt() {
        return options.securityOpt();
    }

    /** A minimal spec: name, image and command; everything else defaulted. */
    public static ContainerSpec simple(String name, ImageReference image, List<String> command) {
        return new ContainerSpec(name, Map.of(), image, null, command, List.of(), null, List.of(),
                null, null, null, false, false, null, null, List.of(), new NetworkMode.None(),
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), false, List.of(),
                List.of(), false, Resources.NONE, RestartPolicy.NO, Map.of(), List.of(), null,
                null, null, List.of());
    }

    /** This spec with {@code mounts} instead of its own. */
    public ContainerSpec withMounts(List<MountSpec> replacement) {
        return new ContainerSpec(name, labels, image, entrypoint, command, environment, user, groupAdd,
                workingDir, hostname, domainname, tty, stdinOpen, stopSignal, stopGracePeriod, replacement,
                networkMode, networks, ports, extraHosts, dns, dnsSearch, dnsOptions, readOnlyRootfs, capAdd,
                capDrop, privileged, resources, restartPolicy, sysctls, ulimits, shmSizeBytes, ipcMode, pidMode,
                links, options);
    }

    public record Resources(Long memoryBytes, Long memorySwapBytes, Double cpus, Long cpuShares,
                            String cpusetCpus, Long pidsLimit) {
        public static final Resources NONE = new Resources(null, null, null, null, null, null);
    }

    /**
     * Settings added after the spec's first form, kept in one record so that copies of a spec
     * carry them all.
     *
     * @param init    PID 1 is a small init (berth-init) that forwards signals to the command and reaps
     *                zombies, as Compose's {@code init: true} (docker-init)
     * @param logging how the output is kept; null: Berth's default (a rotated JSON log)
     * @param devices host devices made available in the container ({@code devices:})
     * @param oomScoreAdj            the container's processes' OOM score adjustment; null: unchanged
     * @param memoryReservationBytes the memory soft limit ({@code mem_reservation}); null: none
     * @param exposedPorts           {@code expose:} as "PORT[-PORT]/PROTOCOL" (metadata, shown by ps)
     * @param securityOpt            Docker's security options (seccomp=unconfined|PROFILE-JSON,
     *                               no-new-privileges); empty: the default seccomp policy, no no_new_privs
     * @param hooks                  {@code post_start}/{@code pre_stop}; {@link Hooks#NONE} when none
     * @param deviceCgroupRules      {@code device_cgroup_rules} as written ("c 1:3 mr"), allowed beyond
     *                               the default devices
     */
    public record Options(boolean init, Logging logging, List<Device> devices, Integer oomScoreAdj,
                          Long memoryReservationBytes, List<String> exposedPorts, List<String> securityOpt,
                          Hooks hooks, List<String> deviceCgroupRules) {
        public static final Options NONE = new Options(false, null, List.of(), null, null, List.of(), List.of());

        public Options {
            devices = devices == null ? List.of() : List.copyOf(devices);
            exposedPorts = exposedPorts == null ? List.of() : List.copyOf(exposedPorts);
            securityOpt = securityOpt == null ? List.of() : List.copyOf(securityOpt);
            hooks = hooks == null ? Hooks.NONE : hooks;
            deviceCgroupRules = deviceCgroupRules == null ? List.of() : List.copyOf(deviceCgroupRules);
        }

        /** Without hooks or device cgroup rules. */
        public Options(boolean init, Logging logging, List<Device> devices, Integer oomScoreAdj,
                       Long memoryReservationBytes, List<String> exposedPorts, List<String> securityOpt) {
            this(init, logging, devices, oomScoreAdj, memoryReservationBytes, exposedPorts, securityOpt, null, null);
        }

        /** Without security options (the default policy). */
        public Options(boolean init, Logging logging, List<Device> devices, Integer oomScoreAdj,
                       Long memoryReservationBytes, List<String> exposedPorts) {
            this(init, logging, devices, oomScoreAdj, memoryReservationBytes, exposedPorts, List.of());
        }

        /** These options with {@code replacement} as the security options. */
        public Options withSecurityOpt(List<String> replacement) {
            return new Options(init, logging, devices, oomScoreAdj, memoryReservationBytes, exposedPorts, replacement,
                    hooks, deviceCgroupRules);
        }

        /** These options with {@code replacement} as the lifecycle hooks. */
        public Options withHooks(Hooks replacement) {
            return new Options(init, logging, devices, oomScoreAdj, memoryReservationBytes, exposedPorts, securityOpt,
                    replacement, deviceCgroupRules);
        }

        /** These options with {@code replacement} as the device cgroup rules ({@link DeviceCgroupRule}'s text). */
        public Options withDeviceCgroupRules(List<String> replacement) {
            return new Options(init, logging, devices, oomScoreAdj, memoryReservationBytes, exposedPorts, securityOpt,
                    hooks, replacement);
        }
    }

    /**
     * Compose's lifecycle hooks, kept with the container so that every stop finds them: commands
     * run as execs after each start ({@code post_start}) and before each stop of a running
     * container ({@code pre_stop}), by whoever starts or stops it (the engine; never a restart
     * policy, as with Docker).
     */
    public record Hooks(List<ExecSpec> postStart, List<ExecSpec> preStop) {
        public static final Hooks NONE = new Hooks(List.of(), List.of());

        public Hooks {
            postStart = postStart == null ? List.of() : List.copyOf(postStart);
            preStop = preStop == null ? List.of() : List.copyOf(preStop);
        }
    }

    /**
     * A host device in the container ({@code devices: HOST[:CONTAINER[:PERMISSIONS]]}): the node
     * appears at {@code containerPath} and the device cgroup allows it with {@code permissions}
     * (some of "rwm").
     */
    public record Device(String hostPath, String containerPath, String permissions) {
    }

    /**
     * {@code logging:}: driver "json-file" or "local" keep a rotated JSON log (null sizes: Berth's
     * defaults), "none" keeps nothing.
     */
    public record Logging(String driver, Long maxBytes, Integer maxFiles) {
        public boolean keepsNothing() {
            return "none".equals(driver);
        }
    }

    public record RestartPolicy(String name, int maximumRetryCount) {
        /** name: "no", "always", "on-failure", "unless-stopped". */
        public static final RestartPolicy NO = new RestartPolicy("no", 0);
    }

    public record Ulimit(String name, long soft, long hard) {
    }

    /** A legacy link: the peer container and the alias it is known by in this one. */
    public record LinkSpec(String containerName, String alias) {
    }
}
