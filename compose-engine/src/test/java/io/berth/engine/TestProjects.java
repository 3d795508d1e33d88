package io.berth.engine;

import io.berth.engine.convert.ConfigDiff;
import io.berth.runtime.ContainerId;
import io.berth.runtime.ContainerInfo;
import io.berth.runtime.ContainerSpec;
import io.berth.runtime.ContainerState;
import io.berth.runtime.Digest;
import io.berth.runtime.ImageInfo;
import io.berth.runtime.ImageReference;
import io.berth.runtime.MountSpec;
import io.berth.runtime.NetworkAttachment;
import io.berth.runtime.NetworkInfo;
import io.berth.runtime.NetworkMode;
import io.berth.runtime.NetworkSpec;
import io.berth.runtime.VolumeInfo;
import io.berth.runtime.VolumeSpec;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/** In-memory projects and fake observed state for the pure tests of reconcile. */
public final class TestProjects {
    public static final String PROJECT = "demo";
    public static final ImageReference BUSYBOX = ImageReference.parse("busybox:local");
    public static final ImageInfo BUSYBOX_IMAGE = image("1");

    private TestProjects() {
    }

    public static ImageInfo image(String hexDigit) {
        return new ImageInfo(new Digest("sha256", hexDigit.repeat(64)), List.of(BUSYBOX), 1, Instant.EPOCH, null);
    }

    /** A service builder: env, scale, dependencies, refs, volume mounts. */
    public static final class ServiceBuilder {
        private final String name;
        private final SortedMap<String, String> environment = new TreeMap<>();
        private final List<ServiceDependency> dependsOn = new ArrayList<>();
        private final List<MountSpec> mounts = new ArrayList<>();
        private ServiceRefs refs = ServiceRefs.NONE;
        private int scale = 1;
        private String containerName;
        private final List<io.berth.runtime.PortBinding> ports = new ArrayList<>();
        private NetworkMode networkMode = new NetworkMode.Bridge();

        ServiceBuilder(String name) {
            this.name = name;
        }

        public ServiceBuilder env(String key, String value) {
            environment.put(key, value);
            return this;
        }

        public ServiceBuilder scale(int replicas) {
            scale = replicas;
            return this;
        }

        public ServiceBuilder dependsOn(ServiceDependency dependency) {
            dependsOn.add(dependency);
            return this;
        }

        public ServiceBuilder refs(ServiceRefs references) {
            refs = references;
            return this;
        }

        public ServiceBuilder volume(String volume, String target) {
            mounts.add(new MountSpec(MountSpec.Type.VOLUME, PROJECT + "_" + volume, target, false, Map.of()));
            return this;
        }

        /** {@code volumes: ["/target"]}: an anonymous volume, which the runtime names. */
        public ServiceBuilder anonymousVolume(String target) {
            mounts.add(new MountSpec(MountSpec.Type.VOLUME, null, target, false, Map.of()));
            return this;
        }

        /** A published TCP port, {@code hostPort:containerPort}. */
        public ServiceBuilder port(int hostPort, int containerPort) {
            ports.add(new io.berth.runtime.PortBinding(containerPort, "tcp", "", hostPort));
            return this;
        }

        public ServiceBuilder hostNetwork() {
            networkMode = new NetworkMode.Host();
            return this;
        }

        public ServiceBuilder containerName(String fixedName) {
            containerName = fixedName;
            return this;
        }

        public DesiredService build() {
            SortedMap<String, String> config = new TreeMap<>();
            config.put("image", BUSYBOX.familiar());
            environment.forEach((key, value) -> config.put("environment." + key, value));
            for (int index = 0; index < mounts.size(); index++) {
                config.put("volumes[" + index + "].source", String.valueOf(mounts.get(index).source()));
            }
            if (refs.networkService() != null) {
                config.put("network_mode", "service:" + refs.networkService());
            }
            for (int index = 0; index < ports.size(); index++) {
                config.put("ports[" + index + "]", ports.get(index).hostPort() + ":" + ports.get(index).containerPort());
            }
            if (networkMode instanceof NetworkMode.Host) {
                config.put("network_mode", "host");
            }
            String hash = sha256(ConfigDiff.toLabel(config)); // a stand-in: the fixture has no model Service to hash
            Map<String, String> labels = new HashMap<>();
            labels.put(Labels.PROJECT, PROJECT);
            labels.put(Labels.SERVICE, name);
            labels.put(Labels.CONFIG_HASH, hash);
            labels.put(Labels.CONFIG_JSON, ConfigDiff.toLabel(config));
            labels.put(Labels.DEPENDS_ON, io.berth.engine.convert.DependsOnLabel.of(
                    new DesiredService(name, null, refs, scale, containerName, dependsOn, hash, config, null)));
            List<String> env = environment.entrySet().stream().map(entry -> entry.getKey() + "=" + entry.getValue()).toList();
            List<NetworkAttachment> networks = refs.networkService() != null || networkMode instanceof NetworkMode.Host ? List.of()
                    : List.of(new NetworkAttachment(PROJECT + "_default", List.of(name), null, null, null));
            ContainerSpec template = new ContainerSpec(null, labels, BUSYBOX, null, null, env, null, null, null, null,
                    null, false, false, null, null, mounts, networkMode, networks, List.copyOf(ports), null, null,
                    null, null, false, null, null, false, null, null, null, null, null, null, null, null);
            return new DesiredService(name, template, refs, scale, containerName, dependsOn, hash, config, null);
        }
    }

    public static ServiceBuilder service(String name) {
        return new ServiceBuilder(name);
    }

    public static DesiredProject project(DesiredService... services) {
        SortedMap<String, DesiredService> byName = new TreeMap<>();
        boolean volumes = false;
        for (DesiredService service : services) {
            byName.put(service.name(), service);
            volumes |= service.template().mounts().stream()
                    .anyMatch(mount -> mount.source() != null && mount.source().endsWith("_data"));
        }
        SortedMap<String, DesiredNetwork> networks = new TreeMap<>();
        networks.put("default", new DesiredNetwork("default", false,
                new NetworkSpec(PROJECT + "_default", null, Map.of(Labels.PROJECT, PROJECT, Labels.NETWORK, "default"),
                        null, null, null, false, null)));
        SortedMap<String, DesiredVolume> volumeMap = new TreeMap<>();
        if (volumes) {
            volumeMap.put("data", new DesiredVolume("data", false,
                    new VolumeSpec(PROJECT + "_data", null, Map.of(Labels.PROJECT, PROJECT, Labels.VOLUME, "data"), null)));
        }
        return new DesiredProject(PROJECT, byName, new TreeSet<>(), networks, volumeMap);
    }

    /** A container as the runtime would report one made from replica {@code number} of the service. */
    public static ContainerInfo container(DesiredService service, int number, ContainerState state) {
        Map<String, String> labels = new HashMap<>(service.template().labels());
        labels.put(Labels.CONTAINER_NUMBER, String.valueOf(number));
        labels.put(Labels.ONEOFF, "False");
        labels.put(Labels.DEPENDS_ON, io.berth.engine.convert.DependsOnLabel.of(service));
        String name = service.containerName() != null ? service.containerName() : PROJECT + "-" + service.name() + "-" + number;
        ContainerSpec spec = io.berth.engine.convert.ReplicaSpec.renamed(service.template(), name, labels);
        return new ContainerInfo(ContainerId.random(), name, spec, BUSYBOX_IMAGE, state,
                state == ContainerState.RUNNING ? 100 : 0, null, false, Instant.EPOCH, Instant.EPOCH, null, 0,
                Map.of(), List.of(), null);
    }

    public static ContainerInfo running(DesiredService service, int number) {
        return container(service, number, ContainerState.RUNNING);
    }

    /** What exists after a successful up of the project: every replica running, networks, volumes. */
    public static ObservedState convergedState(DesiredProject project) {
        List<ContainerInfo> containers = new ArrayList<>();
        project.services().values().forEach(service -> {
            for (int number = 1; number <= service.scale(); number++) {
                containers.add(running(service, number));
            }
        });
        return observed(project, containers);
    }

    public static ObservedState observed(DesiredProject project, List<ContainerInfo> containers) {
        List<NetworkInfo> networks = project.networks().values().stream()
                .map(network -> new NetworkInfo("id", network.name(), "bridge", "br", "10.0.0.0/24", "10.0.0.1", false,
                        network.spec().labels(), Instant.EPOCH, List.of())).toList();
        List<VolumeInfo> volumes = project.volumes().values().stream()
                .map(volume -> new VolumeInfo(volume.name(), "local", Path.of("/v"), volume.spec().labels(), Map.of(),
                        Instant.EPOCH)).toList();
        return new ObservedState(PROJECT, containers, networks, volumes, Map.of(BUSYBOX.familiar(), BUSYBOX_IMAGE));
    }

    public static ObservedState nothing() {
        return new ObservedState(PROJECT, List.of(), List.of(), List.of(), Map.of(BUSYBOX.familiar(), BUSYBOX_IMAGE));
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
