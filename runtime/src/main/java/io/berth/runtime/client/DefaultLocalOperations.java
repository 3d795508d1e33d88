package io.berth.runtime.client;

import io.berth.runtime.ContainerInfo;
import io.berth.runtime.ExecSpec;
import io.berth.runtime.ImageInfo;
import io.berth.runtime.ProcessEntry;
import io.berth.runtime.container.ContainerExec;
import io.berth.runtime.container.ContainerTop;
import io.berth.runtime.container.ExecRequest;
import io.berth.runtime.container.KernelContainerLauncher;
import io.berth.runtime.ImageReference;
import io.berth.runtime.ImageService;
import io.berth.runtime.NetworkInfo;
import io.berth.runtime.NetworkSpec;
import io.berth.runtime.RuntimeConfig;
import io.berth.runtime.VolumeInfo;
import io.berth.runtime.VolumeSpec;
import io.berth.runtime.launch.ExecRequests;
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

    /** exec in this process, with its stdio (see {@link ExecRequests} for how it is resolved). */
    @Override
    public int exec(ContainerInfo container, ExecSpec spec) {
        ExecRequest request = ExecRequests.of(container, spec, launcher(), null);
        if (spec.detach()) {
            ContainerExec.start(request);
            return 0;
        }
        return spec.tty() ? ContainerExec.runWithTerminal(request) : ContainerExec.run(request);
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
    public void checkPorts(List<io.berth.runtime.PortClaim> claims, java.util.Set<io.berth.runtime.ContainerId> leaving) {
        io.berth.runtime.network.PortPublisher.checkClaims(claims, leaving);
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
