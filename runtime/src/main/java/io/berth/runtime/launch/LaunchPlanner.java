package io.berth.runtime.launch;

import io.berth.runtime.ContainerId;
import io.berth.runtime.ContainerSpec;
import io.berth.runtime.ImageInfo;
import io.berth.runtime.MountSpec;
import io.berth.runtime.RuntimeOperationException;
import io.berth.runtime.RuntimeOperationException.Kind;
import io.berth.runtime.container.LaunchRequest;
import io.berth.runtime.container.UserResolver;
import io.berth.runtime.linux.Capabilities;
import io.berth.runtime.logs.SupervisorLog;
import io.berth.runtime.seccomp.SeccompProgram;
import io.berth.runtime.seccomp.SecurityOptions;
import io.berth.runtime.state.ContainerLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Combines a container spec with its image's config as Docker does and resolves everything the
 * launcher needs: argv, environment, numeric user and groups, working directory, mounts, limits.
 */
public final class LaunchPlanner {
    public static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    /** Docker's default set and every capability: from the one table, {@link Capabilities}. */
    public static final List<String> DOCKER_DEFAULT_CAPS = Capabilities.DOCKER_DEFAULTS;
    public static final List<String> ALL_CAPS = Capabilities.all();
    private static final long DEFAULT_SHM = 64L * 1024 * 1024;

    private LaunchPlanner() {
    }

    /** argv as Docker combines them: a spec entrypoint replaces the image's and drops its CMD. */
    public static List<String> argv(ContainerSpec spec, ImageInfo.Config image) {
        List<String> entrypoint;
        List<String> command;
        if (spec.entrypoint() != null) {
            entrypoint = spec.entrypoint();
            command = spec.command() != null ? spec.command() : List.of();
        } else {
            entrypoint = image == null || image.entrypoint() == null ? List.of() : image.entrypoint();
            command = spec.command() != null ? spec.command()
                    : image == null || image.cmd() == null ? List.of() : image.cmd();
        }
        List<String> argv = new ArrayList<>(entrypoint);
        argv.addAll(command);
        return List.copyOf(argv);
    }

    /** Image ENV, then the spec's, by key in first-seen order; PATH, HOSTNAME, HOME filled in. */
    public static List<String> environment(ContainerSpec spec, ImageInfo.Config image, String hostname, String home) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", DEFAULT_PATH);
        env.put("HOSTNAME", hostname);
        List<String> all = new ArrayList<>();
        if (image != null && image.env() != null) {
            all.addAll(image.env());
        }
        all.addAll(spec.environment());
        for (String entry : all) {
            int equals = entry.indexOf('=');
            if (equals > 0) {
                env.put(entry.substring(0, equals), entry.substring(equals + 1));
            }
        }
        if (spec.tty()) {
            env.putIfAbsent("TERM", "xterm");
        }
        env.putIfAbsent("HOME", home);
        List<String> result = new ArrayList<>();
        env.forEach((key, value) -> result.add(key + "=" + value));
        return List.copyOf(result);
    }

    public static String stopSignal(ContainerSpec spec, ImageInfo image) {
        if (spec.stopSignal() != null && !spec.stopSignal().isBlank()) {
            return spec.stopSignal();
        }
        String fromImage = image == null || image.config() == null ? null : image.config().stopSignal();
        return fromImage == null || fromImage.isBlank() ? "SIGTERM" : fromImage;
    }

    /**
     * A launch request, the volumes it acquired (named and anonymous) to release at removal, and
     * the spec with its mounts resolved ({@link ContainerMounts}), as the record keeps it.
     */
    public record Plan(LaunchRequest request, List<String> volumeNames, ContainerSpec spec) {
    }

    /** {@code spec}'s VOLUMES_FROM must already be expanded. */
    public static Plan plan(ContainerId id, ContainerSpec requested, ImageInfo image, List<Path> layers,
                     ContainerLayout layout, VolumeAccess volumes) {
        ImageInfo.Config config = image.config();
        ContainerSpec spec = requested.withMounts(ContainerMounts.resolveVolumes(requested.mounts(),
                config == null ? null : config.volumes(), volumes));
        List<String> argv = argv(spec, config);
        if (argv.isEmpty()) {
            throw new RuntimeOperationException(Kind.INVALID, "create container " + spec.name()
                    + ": no command specified (the image " + spec.image() + " has no ENTRYPOINT or CMD)");
        }
        String user = spec.user() != null ? spec.user() : config == null ? null : config.user();
        UserResolver.ResolvedUser ids = UserResolver.resolve(user, spec.groupAdd(),
                LayeredFiles.read(layers, "etc/passwd"), LayeredFiles.read(layers, "etc/group"));
        NetworkModeRules.refuseSharedNetworkSysctls(spec);
        String hostname = NetworkModeRules.hostname(id, spec);
        String workingDir = spec.workingDir() != null && !spec.workingDir().isEmpty() ? spec.workingDir()
                : config != null && config.workingDir() != null && !config.workingDir().isEmpty()
                        ? config.workingDir() : "/";
        ContainerSpec.Resources resources = spec.resources();
        Long quota = resources.cpus() == null ? null : Math.round(resources.cpus() * 100_000);
        List<HostDevices.Resolved> devices = HostDevices.resolve(spec.options().devices());
        // as Docker: a memory limit alone allows as much swap again (memory+swap twice the limit)
        Long memorySwap = resources.memorySwapBytes() == null && resources.memoryBytes() != null
                ? Long.valueOf(2 * resources.memoryBytes()) : resources.memorySwapBytes(); // boxed: no unboxing of null
        LaunchRequest.CgroupLimits limits = new LaunchRequest.CgroupLimits(resources.memoryBytes(),
                memorySwap, quota, quota == null ? null : 100_000L, resources.cpuShares(),
                resources.cpusetCpus(), resources.pidsLimit(),
                HostDevices.rules(devices, spec.options().deviceCgroupRules()), spec.options().memoryReservationBytes());
        List<LaunchRequest.Rlimit> rlimits = spec.ulimits().stream()
                .map(limit -> new LaunchRequest.Rlimit(limit.name(), limit.soft(), limit.hard())).toList();
        SecurityOptions security = securityOptions(spec);
        List<String> capabilities = capabilities(spec);
        SeccompProgram seccomp = seccomp(spec, security, capabilities);
        List<String> volumeNames = new ArrayList<>();
        List<LaunchRequest.Mount> mounts;
        try {
            mounts = new ArrayList<>(mounts(id, spec, volumes, volumeNames));
            for (HostDevices.Resolved device : devices) {
                mounts.add(device.node());
            }
        } catch (RuntimeException e) {
            volumeNames.forEach(name -> SupervisorLog.quietly("release volume " + name,
                    () -> volumes.release(name, id)));
            throw e;
        }
        LaunchRequest request = new LaunchRequest(id, List.copyOf(layers), layout.upperDir(id), layout.workDir(id),
                layout.rootfs(id), argv, environment(spec, config, hostname, ids.home()), workingDir,
                ids.uid(), ids.gid(), ids.supplementaryGids(), hostname, spec.domainname(), null, null,
                layout.rawStdout(id), layout.rawStderr(id), null, mounts,
                capabilities, security.noNewPrivileges(), spec.readOnlyRootfs(), spec.sysctls(), rlimits,
                spec.shmSizeBytes() == null ? DEFAULT_SHM : spec.shmSizeBytes(), limits, spec.options().init(),
                null, null, seccomp);
        return new Plan(request, List.copyOf(volumeNames), spec);
    }

    /** security_opt, or INVALID naming what cannot be honoured. */
    public static SecurityOptions securityOptions(ContainerSpec spec) {
        try {
            return SecurityOptions.parse(spec.securityOpt());
        } catch (IllegalArgumentException e) {
            throw new RuntimeOperationException(Kind.INVALID, "create container " + spec.name() + ": " + e.getMessage());
        }
    }

    /** The container's seccomp filter (null: unconfined), for PID 1 and every exec alike. */
    public static SeccompProgram seccomp(ContainerSpec spec, SecurityOptions security, List<String> capabilities) {
        try {
            return security.program(spec.privileged(), capabilities);
        } catch (IllegalArgumentException e) {
            throw new RuntimeOperationException(Kind.INVALID, "create container " + spec.name() + ": " + e.getMessage());
        }
    }

    public static List<LaunchRequest.Mount> mounts(ContainerId id, ContainerSpec spec, VolumeAccess volumes,
                                            List<String> volumeNames) {
        List<LaunchRequest.Mount> mounts = new ArrayList<>();
        for (MountSpec mount : spec.mounts()) {
            List<String> flags = new ArrayList<>();
            if (mount.readOnly()) {
                flags.add("ro");
            }
            switch (mount.type()) {
                case BIND -> {
                    flags.add(0, "rbind");
                    String propagation = mount.options().get("propagation");
                    if (propagation != null) {
                        flags.add(propagation);
                    }
                    // Sources come absolute from the engine; a missing one is made unless
                    // create_host_path is false (the short syntax's default is true, as in Compose).
                    Path source = io.berth.runtime.volume.BindSources.resolve(Path.of("/"), mount.source(),
                            Path.of(System.getProperty("user.home")),
                            !"false".equals(mount.options().get("create-host-path")));
                    mounts.add(new LaunchRequest.Mount("bind", source, mount.target(), List.copyOf(flags), null));
                }
                case VOLUME -> {
                    String name = mount.source() == null || mount.source().isEmpty()
                            ? ContainerIdNames.anonymousVolume() : mount.source();
                    Path source = volumes.acquire(name, id, mount.isAnonymousVolume());
                    volumeNames.add(name);
                    String subpath = mount.options().get("subpath");
                    if (subpath != null) {
                        source = source.resolve(subpath).normalize();
                    }
                    flags.add(0, "rbind");
                    mounts.add(new LaunchRequest.Mount("bind", source, mount.target(), List.copyOf(flags),
                            null));
                }
                case TMPFS -> {
                    List<String> data = new ArrayList<>();
                    if (mount.options().containsKey("tmpfs-size")) {
                        data.add("size=" + mount.options().get("tmpfs-size"));
                    }
                    if (mount.options().containsKey("tmpfs-mode")) {
                        data.add("mode=" + mount.options().get("tmpfs-mode"));
                    }
                    TmpfsOptions.merge(mount.options().get(MountSpec.TMPFS_OPTIONS), flags, data);
                    mounts.add(new LaunchRequest.Mount("tmpfs", null, mount.target(),
                            List.copyOf(flags), String.join(",", data)));
                }
                case FILE -> mounts.add(io.berth.runtime.container.CopiedFiles.launchMount(mount));
                default -> throw new IllegalStateException("mount type " + mount.type());
            }
        }
        return List.copyOf(mounts);
    }

    /** Docker's 14 defaults, plus cap_add, minus cap_drop ("ALL" allowed in both); privileged: all. */
    public static List<String> capabilities(ContainerSpec spec) {
        if (spec.privileged()) {
            return ALL_CAPS;
        }
        Set<String> caps = new LinkedHashSet<>(DOCKER_DEFAULT_CAPS);
        for (String add : spec.capAdd()) {
            String name = capName(add);
            if (name.equals("CAP_ALL")) {
                caps.addAll(ALL_CAPS);
            } else {
                caps.add(name);
            }
        }
        for (String drop : spec.capDrop()) {
            String name = capName(drop);
            if (name.equals("CAP_ALL")) {
                caps.clear();
            } else {
                caps.remove(name);
            }
        }
        return List.copyOf(caps);
    }

    private static String capName(String cap) {
        String upper = cap.trim().toUpperCase(Locale.ROOT);
        return upper.startsWith("CAP_") ? upper : "CAP_" + upper;
    }
}
