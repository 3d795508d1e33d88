package io.berth.runtime.volume;

import io.berth.runtime.ContainerId;
import io.berth.runtime.RuntimeOperationException;
import io.berth.runtime.RuntimeOperationException.Kind;
import io.berth.runtime.VolumeInfo;
import io.berth.runtime.VolumeSpec;
import io.berth.runtime.network.AtomicJsonFile;
import io.berth.runtime.state.StateLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Named volumes of the local driver: {@code stateRoot/volumes/<name>/_data} holds the content and
 * {@code volume.json} the metadata ({@link VolumeRecord}). The one class that knows this layout.
 *
 * <p>Containers use a volume between {@link #acquire} (returns the host directory to bind into
 * the container; mounts {@code driver_opts.device} for the first user) and {@link #release}
 * (unmounts after the last). {@link #remove} refuses a volume in use unless forced.
 * Changes happen under {@code volumes/.lock}, metadata is written atomically.
 */
public final class VolumeStore {
    private final Path root;
    private final Path lockFile;

    public VolumeStore(Path stateRoot) {
        this.root = stateRoot.resolve("volumes");
        this.lockFile = root.resolve(".lock");
    }

    /** The volume's directory; the name is validated, so the result is always inside the store. */
    Path directoryOf(String name) {
        Path dir = root.resolve(VolumeName.validate(name)).normalize();
        if (!dir.getParent().equals(root.normalize())) {
            throw new RuntimeOperationException(Kind.INVALID, "invalid volume name \"" + name + "\"");
        }
        return dir;
    }

    /** Where the volume's content is on the host. */
    public Path dataOf(String name) {
        return directoryOf(name).resolve("_data");
    }

    private Path metadataOf(String name) {
        return directoryOf(name).resolve("volume.json");
    }

    /** Creates the volume, or returns it when it exists with the same driver (Docker does too). */
    public VolumeInfo create(VolumeSpec spec) {
        if (!"local".equals(spec.driver())) {
            throw new RuntimeOperationException(Kind.INVALID, "create volume " + spec.name() + ": driver \""
                    + spec.driver() + "\" is not supported (only \"local\")");
        }
        Map<String, String> opts = spec.driverOptions();
        if (!opts.isEmpty() && !opts.containsKey("device")) {
            throw new RuntimeOperationException(Kind.INVALID, "create volume " + spec.name()
                    + ": driver_opts need \"device\" (with \"type\" and \"o\")");
        }
        return StateLock.with(lockFile, () -> {
            Optional<VolumeRecord> existing = read(spec.name());
            if (existing.isPresent()) {
                return existing.get().toInfo(dataOf(spec.name()));
            }
            VolumeRecord record = new VolumeRecord(spec.name(), spec.driver(), spec.labels(), opts,
                    Instant.now().truncatedTo(ChronoUnit.MILLIS).toString(), Set.of(), false);
            try {
                // the volume's directory 0700 (its data is its containers'); _data keeps its mode:
                // it is the mount point's mode inside the container
                io.berth.runtime.linux.PrivateFiles.directory(directoryOf(spec.name()));
                Files.createDirectories(dataOf(spec.name()));
            } catch (IOException e) {
                throw new RuntimeOperationException(Kind.FAILED, "create volume " + spec.name() + ": " + e.getMessage(), e);
            }
            AtomicJsonFile.write(metadataOf(spec.name()), record);
            return record.toInfo(dataOf(spec.name()));
        });
    }

    public Optional<VolumeInfo> inspect(String name) {
        return read(name).map(record -> record.toInfo(dataOf(name)));
    }

    public Optional<VolumeRecord> read(String name) {
        return AtomicJsonFile.read(metadataOf(name), VolumeRecord.class);
    }

    public List<VolumeInfo> list(Map<String, String> labelFilter) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<VolumeInfo> volumes = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.sorted().toList()) {
                String name = dir.getFileName().toString();
                if (!name.startsWith(".") && Files.isRegularFile(dir.resolve("volume.json"))) {
                    read(name).filter(r -> r.labels().entrySet().containsAll(labelFilter.entrySet()))
                            .ifPresent(r -> volumes.add(r.toInfo(dataOf(name))));
                }
            }
        } catch (IOException e) {
            throw new RuntimeOperationException(Kind.FAILED, "list volumes in " + root + ": " + e.getMessage(), e);
        }
        return volumes;
    }

    /**
     * Marks the volume used by the container and returns its host directory; for a volume with
     * {@code driver_opts} mounts the device there first if no one uses it yet.
     */
    public Path acquire(String name, ContainerId user) {
        return StateLock.with(lockFile, () -> {
            VolumeRecord record = get(name);
            Path data = dataOf(name);
            if (record.mountsDevice() && !LocalDriverMount.isMountPoint(data)) {
                LocalDriverMount.mount(record, data);
            }
            Set<String> users = new TreeSet<>(record.users());
            users.add(user.value());
            AtomicJsonFile.write(metadataOf(name), record.withUsers(users));
            return data;
        });
    }

    /** The container no longer uses the volume; a device mount goes when the last user does. */
    public void release(String name, ContainerId user) {
        StateLock.run(lockFile, () -> {
            Optional<VolumeRecord> found = read(name);
            if (found.isEmpty()) {
                return;
            }
            Set<String> users = new TreeSet<>(found.get().users());
            users.remove(user.value());
            if (users.isEmpty() && found.get().mountsDevice()) {
                LocalDriverMount.unmount(dataOf(name));
            }
            AtomicJsonFile.write(metadataOf(name), found.get().withUsers(users));
        });
    }

    /**
     * Copy-up on first use: fills the volume from {@code imageContent} (the image's directory at
     * the mount path) if the volume is empty and was never filled; skipped with {@code nocopy}
     * and for device volumes. Call between {@link #acquire} and the container's start.
     */
    public boolean copyUp(String name, Path imageContent, boolean nocopy) {
        if (nocopy) {
            return false;
        }
        return StateLock.with(lockFile, () -> {
            VolumeRecord record = get(name);
            if (record.copiedUp() || record.mountsDevice()) {
                return false;
            }
            boolean copied = CopyUp.fillIfEmpty(imageContent, dataOf(name));
            if (copied) {
                AtomicJsonFile.write(metadataOf(name), record.withCopiedUp());
            }
            return copied;
        });
    }

    /**
     * Crash recovery: forgets users that are not among {@code running} containers (a crashed
     * supervisor never released them) and unmounts device volumes left without users.
     */
    public void sweepUsers(Set<ContainerId> running) {
        Set<String> alive = new TreeSet<>();
        running.forEach(id -> alive.add(id.value()));
        StateLock.run(lockFile, () -> {
            for (VolumeInfo volume : list(Map.of())) {
                VolumeRecord record = get(volume.name());
                Set<String> users = new TreeSet<>(record.users());
                if (users.retainAll(alive)) {
                    AtomicJsonFile.write(metadataOf(volume.name()), record.withUsers(users));
                }
                if (users.isEmpty() && record.mountsDevice()) {
                    LocalDriverMount.unmount(dataOf(volume.name()));
                }
            }
        });
    }

    /**
     * {@code rm -v}: removes the volume if it is anonymous and no container uses it any more (as
     * dockerd, which skips a volume still in use); returns whether it removed it.
     */
    public boolean removeIfAnonymousAndUnused(String name) {
        return StateLock.with(lockFile, () -> {
            Optional<VolumeRecord> found = read(name);
            if (found.isEmpty() || !found.get().labels().containsKey(VolumeInfo.ANONYMOUS_LABEL)
                    || !found.get().users().isEmpty()) {
                return false;
            }
            deleteTree(directoryOf(name));
            return true;
        });
    }

    /** Removes the volume and its content; CONFLICT while containers use it, unless {@code force}. */
    public void remove(String name, boolean force) {
        StateLock.run(lockFile, () -> {
            VolumeRecord record = get(name);
            if (!record.users().isEmpty() && !force) {
                throw new RuntimeOperationException(Kind.CONFLICT, "remove volume " + name + ": in use by container(s) "
                        + String.join(", ", record.users().stream().map(id -> id.substring(0, 12)).toList()));
            }
            Path data = dataOf(name);
            LocalDriverMount.unmount(data);
            if (LocalDriverMount.isMountPoint(data)) {
                throw new RuntimeOperationException(Kind.FAILED, "remove volume " + name + ": " + data + " is still mounted");
            }
            deleteTree(directoryOf(name));
        });
    }

    private VolumeRecord get(String name) {
        return read(name).orElseThrow(() -> new RuntimeOperationException(Kind.NOT_FOUND, "volume \"" + name + "\" not found"));
    }

    /** Deletes without following symlinks: a link inside the volume to elsewhere removes only the link. */
    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new RuntimeOperationException(Kind.FAILED, "remove " + dir + ": " + e.getMessage(), e);
        }
    }
}
