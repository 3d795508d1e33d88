package io.berth.engine.execute;

import io.berth.engine.TestProjects;
import io.berth.runtime.ContainerId;
import io.berth.runtime.ContainerInfo;
import io.berth.runtime.ContainerRuntime;
import io.berth.runtime.ContainerSpec;
import io.berth.runtime.ContainerState;
import io.berth.runtime.ExecSpec;
import io.berth.runtime.ImageInfo;
import io.berth.runtime.ImageReference;
import io.berth.runtime.LogQuery;
import io.berth.runtime.LogSink;
import io.berth.runtime.NetworkInfo;
import io.berth.runtime.NetworkSpec;
import io.berth.runtime.ProcessEntry;
import io.berth.runtime.RuntimeOperationException;
import io.berth.runtime.RuntimeOperationException.Kind;
import io.berth.runtime.StopResult;
import io.berth.runtime.VolumeInfo;
import io.berth.runtime.VolumeSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A runtime that only keeps records, to test the engine's decisions and the executor's order
 * without containers (the end-to-end tests use the real one). Records every call in order.
 */
final class InMemoryRuntime implements ContainerRuntime {
    final Map<String, ContainerInfo> containers = new ConcurrentHashMap<>();
    final Map<String, NetworkInfo> networks = new ConcurrentHashMap<>();
    final Map<String, VolumeInfo> volumes = new ConcurrentHashMap<>();
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    /** Container names whose start fails, to test failure handling. */
    final List<String> failingStarts = Collections.synchronizedList(new ArrayList<>());
    /** Container names that start and exit at once with code 1 (a dependency that dies). */
    final List<String> dyingStarts = Collections.synchronizedList(new ArrayList<>());

    /** Host ports ("8080/tcp") another program holds, to test conflicts found before the plan runs. */
    final java.util.Set<String> foreignPorts = ConcurrentHashMap.newKeySet();
    /** Every checkPorts call: the claims' containers, then the leaving ones, sorted. */
    final List<String> portChecks = Collections.synchronizedList(new ArrayList<>());

    private ContainerInfo byId(ContainerId id) {
        return containers.values().stream().filter(container -> container.id().equals(id)).findFirst()
                .orElseThrow(() -> new RuntimeOperationException(Kind.NOT_FOUND, "no container " + id.shortId()));
    }

    private void put(ContainerInfo info, ContainerState state) {
        containers.put(info.name(), new ContainerInfo(info.id(), info.name(), info.spec(), info.image(), state,
                state == ContainerState.RUNNING ? 42 : 0, state == ContainerState.EXITED ? Integer.valueOf(0) : null,
                false, info.createdAt(), Instant.now(), null, 0, Map.of(), info.spec().ports(), null));
    }

    /** What busybox:local is here (a test can give it a config). */
    volatile ImageInfo busybox = TestProjects.BUSYBOX_IMAGE;

    @Override
    public Optional<ImageInfo> findImage(ImageReference reference) {
        return reference.equals(TestProjects.BUSYBOX) ? Optional.of(busybox) : Optional.empty();
    }

    @Override
    public ImageInfo pullImage(ImageReference reference) {
        calls.add("pull " + reference);
        return busybox;
    }

    @Override
    public List<ImageInfo> listImages() {
        return List.of(busybox);
    }

    @Override
    public void removeImage(ImageReference reference, boolean force) {
    }

    @Override
    public void tagImage(ImageReference source, ImageReference target) {
    }

    @Override
    public ContainerInfo createContainer(ContainerSpec spec) {
        if (containers.containsKey(spec.name())) {
            throw new RuntimeOperationException(Kind.CONFLICT, "create container " + spec.name() + ": name in use");
        }
        calls.add("create " + spec.name());
        ContainerInfo info = new ContainerInfo(ContainerId.random(), spec.name(), spec, TestProjects.BUSYBOX_IMAGE,
                ContainerState.CREATED, 0, null, false, Instant.now(), null, null, 0, Map.of(), List.of(), null);
        containers.put(spec.name(), info);
        return info;
    }

    @Override
    public void startContainer(ContainerId id) {
        ContainerInfo info = byId(id);
        calls.add("start " + info.name());
        if (failingStarts.contains(info.name())) {
            throw new RuntimeOperationException(Kind.FAILED, "start container " + info.name() + ": exec format error");
        }
        if (dyingStarts.contains(info.name())) {
            containers.put(info.name(), new ContainerInfo(info.id(), info.name(), info.spec(), info.image(),
                    ContainerState.EXITED, 0, 1, false, info.createdAt(), Instant.now(), Instant.now(), 0, Map.of(),
                    List.of(), null));
            return;
        }
        put(info, ContainerState.RUNNING);
    }

    @Override
    public StopResult stopContainer(ContainerId id, Duration timeout) {
        ContainerInfo info = byId(id);
        calls.add("stop " + info.name());
        put(info, ContainerState.EXITED);
        return new StopResult(id, true, info.name().contains("deaf"), false, Duration.ZERO);
    }

    @Override
    public void killContainer(ContainerId id, String signal) {
        put(byId(id), ContainerState.EXITED);
    }

    @Override
    public void removeContainer(ContainerId id, boolean force) {
        ContainerInfo info = byId(id);
        calls.add("remove " + info.name());
        containers.remove(info.name());
    }

    @Override
    public Optional<ContainerInfo> inspectContainer(ContainerId id) {
        return containers.values().stream().filter(container -> container.id().equals(id)).findFirst();
    }

    @Override
    public Optional<ContainerInfo> findContainerByName(String name) {
        return Optional.ofNullable(containers.get(name));
    }

    @Override
    public List<ContainerInfo> listContainers(Map<String, String> labelFilter) {
        return containers.values().stream()
                .filter(container -> container.labels().entrySet().containsAll(labelFilter.entrySet())).toList();
    }

    @Override
    public Optional<ContainerInfo> waitForExit(ContainerId id, Duration timeout) {
        return inspectContainer(id);
    }

    @Override
    public void readLogs(ContainerId id, LogQuery query, LogSink sink) {
    }

    @Override
    public int exec(ContainerId id, ExecSpec spec) {
        return 0;
    }

    @Override
    public List<ProcessEntry> top(ContainerId id) {
        return List.of();
    }

    /** The contract of ContainerRuntime.checkPorts on single fixed ports, without a kernel. */
    @Override
    public void checkPorts(List<io.berth.runtime.PortClaim> claims, java.util.Set<ContainerId> leaving) {
        portChecks.add(claims.stream().map(io.berth.runtime.PortClaim::container).sorted().toList() + " leaving "
                + containers.values().stream().filter(c -> leaving.contains(c.id())).map(ContainerInfo::name).sorted().toList());
        Map<String, String> taken = new java.util.HashMap<>();
        containers.values().stream().filter(c -> c.state() == ContainerState.RUNNING && !leaving.contains(c.id()))
                .forEach(c -> c.spec().ports().forEach(p -> taken.put(p.hostPort() + "/" + p.protocol(), "container " + c.name())));
        foreignPorts.forEach(port -> taken.put(port, "another program"));
        for (io.berth.runtime.PortClaim claim : claims) {
            for (io.berth.runtime.PortBinding port : claim.ports()) {
                String key = port.hostPort() + "/" + port.protocol();
                if (port.hostPort() != 0 && taken.containsKey(key)) {
                    throw new RuntimeOperationException(Kind.CONFLICT, "service " + claim.service() + ": host port "
                            + key + " is already in use by " + taken.get(key));
                }
                taken.put(key, "service " + claim.service());
            }
        }
    }

    @Override
    public NetworkInfo createNetwork(NetworkSpec spec) {
        calls.add("create network " + spec.name());
        NetworkInfo info = new NetworkInfo(spec.name(), spec.name(), spec.driver(), "br", "10.0.0.0/24", "10.0.0.1",
                spec.internal(), spec.labels(), Instant.now(), List.of());
        networks.put(spec.name(), info);
        return info;
    }

    @Override
    public void removeNetwork(String name) {
        calls.add("remove network " + name);
        networks.remove(name);
    }

    @Override
    public Optional<NetworkInfo> inspectNetwork(String name) {
        return Optional.ofNullable(networks.get(name));
    }

    @Override
    public List<NetworkInfo> listNetworks(Map<String, String> labelFilter) {
        return networks.values().stream().filter(network -> network.labels().entrySet().containsAll(labelFilter.entrySet())).toList();
    }

    @Override
    public VolumeInfo createVolume(VolumeSpec spec) {
        calls.add("create volume " + spec.name());
        VolumeInfo info = new VolumeInfo(spec.name(), spec.driver(), Path.of("/v", spec.name()), spec.labels(),
                spec.driverOptions(), Instant.now());
        volumes.put(spec.name(), info);
        return info;
    }

    @Override
    public void removeVolume(String name, boolean force) {
        calls.add("remove volume " + name);
        volumes.remove(name);
    }

    @Override
    public Optional<VolumeInfo> inspectVolume(String name) {
        return Optional.ofNullable(volumes.get(name));
    }

    @Override
    public List<VolumeInfo> listVolumes(Map<String, String> labelFilter) {
        return volumes.values().stream().filter(volume -> volume.labels().entrySet().containsAll(labelFilter.entrySet())).toList();
    }

    @Override
    public void close() {
    }
}
