package io.berth.runtime.supervisor;

import io.berth.runtime.ContainerInfo;
import io.berth.runtime.ContainerSpec;
import io.berth.runtime.ExecSpec;
import io.berth.runtime.ImageInfo;
import io.berth.runtime.ProcessEntry;
import io.berth.runtime.container.ContainerExec;
import io.berth.runtime.container.ContainerFiles;
import io.berth.runtime.container.ContainerTop;
import io.berth.runtime.container.ExecRequest;
import io.berth.runtime.container.KernelContainerLauncher;
import io.berth.runtime.container.UserResolver;
import java.util.ArrayList;
import io.berth.runtime.ImageReference;
import io.berth.runtime.ImageService;
import io.berth.runtime.NetworkInfo;
import io.berth.runtime.NetworkSpec;
import io.berth.runtime.RuntimeConfig;
import io.berth.runtime.VolumeInfo;
import io.berth.runtime.VolumeSpec;
import io.berth.runtime.network.NetworkManager;
import io.berth.runtime.volume.VolumeStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Images, networks and volumes in the caller's process (each keeps its own file locks), and
 * exec and top, which need the caller's stdio and only read the supervisor's state.
 */
public class DefaultLocalOperations implements LocalOperations {
    private final RuntimeConfig config;
    private ImageService images;
    private NetworkManager networks;
    private VolumeStore volumes;
    private KernelContainerLauncher launcher;

    public DefaultLocalOperations(RuntimeConfig config) {
        this.config = config;
    }

    protected synchronized ImageService images() {
        if (images == null) {
            images = ImageService.open(config);
        }
        return images;
    }

    protected synchronized NetworkManager networks() {
        if (networks == null) {
            networks = NetworkManager.forConfig(config, System.getenv());
        }
        return networks;
    }

    @Override
    public Optional<ImageInfo> findImage(ImageReference reference) {
        return images().resolve(reference);
    }

    @Override
    public ImageInfo pullImage(ImageReference reference) {
        return images().pull(reference, progress -> { });
    }

    @Override
    public List<ImageInfo> listImages() {
        return images().list();
    }

    @Override
    public void removeImage(ImageReference reference, boolean force) {
        images().remove(reference, force);
    }

    @Override
    public void tagImage(ImageReference source, ImageReference target) {
        images().tag(source, target);
    }

    protected synchronized VolumeStore volumes() {
        if (volumes == null) {
            volumes = new VolumeStore(config.stateRoot());
        }
        return volumes;
    }

    /**
     * exec in this process, with its stdio: user, environment and working directory as the
     * container's (recomputed from its spec and image, as at create), the exec's own on top.
     */
    @Override
    public int exec(ContainerInfo container, ExecSpec spec) {
        ContainerSpec containerSpec = container.spec();
        ImageInfo.Config image = container.image() == null ? null : container.image().config();
        String user = spec.user() != null ? spec.user() : containerSpec.user() != null ? containerSpec.user()
                : image == null ? null : image.user();
        UserResolver.ResolvedUser resolved = ContainerFiles.resolveUser(container.pid(),
                user == null || user.isEmpty() ? "0" : user);
        String hostname = containerSpec.hostname() != null && !containerSpec.hostname().isEmpty()
                ? containerSpec.hostname() : container.id().shortId();
        List<String> env = new ArrayList<>(LaunchPlanner.environment(containerSpec, image, hostname, resolved.home()));
        env.addAll(spec.environment());
        String workingDir = spec.workingDir() != null && !spec.workingDir().isEmpty() ? spec.workingDir()
                : containerSpec.workingDir() != null && !containerSpec.workingDir().isEmpty()
                ? containerSpec.workingDir() : image != null && image.workingDir() != null ? image.workingDir() : "/";
        boolean privileged = spec.privileged() || containerSpec.privileged();
        KernelContainerLauncher launcher = launcher();
        ExecRequest request = new ExecRequest(container.pid(),
                launcher.cgroups().procsFiles(launcher.cgroupOf(container.id())), spec.command(), env, workingDir,
                resolved.uid(), resolved.gid(), resolved.supplementaryGids(),
                privileged ? List.of("ALL") : LaunchPlanner.capabilities(containerSpec), !privileged, spec.detach(),
                null);
        preloadSwitchMaps();
        if (spec.detach()) {
            ContainerExec.start(request);
            return 0;
        }
        return ContainerExec.run(request);
    }

    /**
     * Once inside the container's mount namespace no class can be loaded from the class path:
     * the synthetic switch-map class of ProcessCalls.spawn is loaded here first (the container
     * module's LinuxLayer.loadAll does not name it).
     */
    private static void preloadSwitchMaps() {
        for (String name : List.of("io.berth.runtime.linux.ProcessCalls$1")) {
            try {
                Class.forName(name, true, DefaultLocalOperations.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError notThere) {
                // compiled differently: nothing to preload
            }
        }
    }

    @Override
    public List<ProcessEntry> top(ContainerInfo container) {
        KernelContainerLauncher launcher = launcher();
        return ContainerTop.list(launcher.cgroups(), launcher.cgroupOf(container.id()));
    }

    protected synchronized KernelContainerLauncher launcher() {
        if (launcher == null) {
            launcher = new KernelContainerLauncher();
        }
        return launcher;
    }

    @Override
    public VolumeInfo createVolume(VolumeSpec spec) {
        return volumes().create(spec);
    }

    @Override
    public void removeVolume(String name, boolean force) {
        volumes().remove(name, force);
    }

    @Override
    public Optional<VolumeInfo> inspectVolume(String name) {
        return volumes().inspect(name);
    }

    @Override
    public List<VolumeInfo> listVolumes(Map<String, String> labelFilter) {
        return volumes().list(labelFilter == null ? Map.of() : labelFilter);
    }

    @Override
    public NetworkInfo createNetwork(NetworkSpec spec) {
        return networks().create(spec);
    }

    @Override
    public void removeNetwork(String name) {
        networks().remove(name, false);
    }

    @Override
    public Optional<NetworkInfo> inspectNetwork(String name) {
        return networks().inspect(name);
    }

    @Override
    public List<NetworkInfo> listNetworks(Map<String, String> labelFilter) {
        return networks().list(labelFilter == null ? Map.of() : labelFilter);
    }
}
