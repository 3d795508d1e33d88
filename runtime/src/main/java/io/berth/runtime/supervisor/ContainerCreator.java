package io.berth.runtime.supervisor;

import io.berth.runtime.ContainerId;
import io.berth.runtime.ContainerInfo;
import io.berth.runtime.ContainerSpec;
import io.berth.runtime.ContainerState;
import io.berth.runtime.ImageInfo;
import io.berth.runtime.RuntimeOperationException;
import io.berth.runtime.RuntimeOperationException.Kind;
import io.berth.runtime.launch.ContainerIdNames;
import io.berth.runtime.launch.ContainerMounts;
import io.berth.runtime.launch.ImageAccess;
import io.berth.runtime.launch.LaunchPlanner;
import io.berth.runtime.linux.PrivateFiles;
import io.berth.runtime.state.ContainerLayout;
import io.berth.runtime.state.ContainerRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * create: a container planned, its directories made and its record written, or nothing of it
 * left behind. Names are unique among the records and the creates under way.
 */
final class ContainerCreator {
    private final ContainerManager manager;
    private final ImageAccess images;
    private final Object createLock = new Object();
    /** Names of creates under way (guarded by createLock): taken, though not in records yet. */
    private final Set<String> namesBeingCreated = new HashSet<>();

    ContainerCreator(ContainerManager manager, ImageAccess images) {
        this.manager = manager;
        this.images = images;
    }

    ContainerInfo create(ContainerSpec spec) {
        ContainerId id = ContainerId.random();
        String name = ContainerIdNames.nameFor(spec.name(), id);
        ImageInfo image = images.resolve(spec.image());
        List<Path> layers = images.layerDirs(image.id());
        ContainerSpec expanded = spec.withMounts(ContainerMounts.expandVolumesFrom(name, spec.mounts(),
                manager.records().values()));
        LaunchPlanner.Plan plan = LaunchPlanner.plan(id, expanded, image, layers, layout(), manager.volumes());
        try {
            return createRecord(id, name, plan.spec(), image, plan);
        } catch (RuntimeException e) {
            manager.releaseVolumes(id, plan.volumeNames());
            removeUnrecordedDirectory(id);
            throw e;
        }
    }

    /**
     * A create that failed before its record was written (ENOSPC writing state.json) leaves no
     * directory: nothing would ever list it, so no {@code down -v} would remove it.
     */
    private void removeUnrecordedDirectory(ContainerId id) {
        Path dir = layout().dir(id);
        if (Files.exists(layout().stateFile(id)) || !Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | UncheckedIOException cleanup) {
            ContainerManager.log("remove " + dir + " of a failed create: " + cleanup.getMessage());
        }
    }

    /**
     * The name is reserved under the lock, the record written (fsync: 5-10 ms) outside it, so
     * that the creates of {@code up --scale} do not queue behind each other's disk writes.
     */
    private ContainerInfo createRecord(ContainerId id, String name, ContainerSpec spec, ImageInfo image,
                                       LaunchPlanner.Plan plan) {
        synchronized (createLock) {
            for (ContainerRecord other : manager.records().values()) {
                if (other.name().equals(name)) {
                    throw new RuntimeOperationException(Kind.CONFLICT, "create container " + name
                            + ": the name is already in use by container " + other.id().shortId());
                }
            }
            if (!namesBeingCreated.add(name)) {
                throw new RuntimeOperationException(Kind.CONFLICT, "create container " + name
                        + ": another container of that name is being created");
            }
        }
        try {
            makeDirectories(id, name);
            ContainerRecord record = new ContainerRecord(ContainerRecord.CURRENT_VERSION, id, name, spec,
                    image, ContainerState.CREATED, plan.request(), false, 0, 0, null, null, false, false,
                    Instant.now(), null, null, 0, false, null, Map.of(), List.of(), plan.volumeNames(), null);
            manager.store().save(record);
            manager.publish(record);
            return record.toInfo();
        } finally {
            synchronized (createLock) {
                namesBeingCreated.remove(name);
            }
        }
    }

    private void makeDirectories(ContainerId id, String name) {
        try {
            // 0700: state (environment values), logs, upper and rootfs are for Berth's user only
            PrivateFiles.directory(layout().dir(id));
            for (Path dir : List.of(layout().upperDir(id), layout().workDir(id), layout().rootfs(id))) {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new RuntimeOperationException(Kind.FAILED, "create container " + name + ": "
                    + e.getMessage(), e);
        }
    }

    private ContainerLayout layout() {
        return manager.store().layout();
    }
}
