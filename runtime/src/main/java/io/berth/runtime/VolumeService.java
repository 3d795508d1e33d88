package io.berth.runtime;

import io.berth.runtime.volume.VolumeRecord;
import io.berth.runtime.volume.VolumeStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Volumes on this host ({@code <stateRoot>/volumes}), run in the caller's process: the store
 * keeps its own file locks, so the CLI and the supervisor use it side by side on one state root.
 */
public final class VolumeService {
    private final VolumeStore store;

    private VolumeService(VolumeStore store) {
        this.store = store;
    }

    public static VolumeService open(RuntimeConfig config) {
        return new VolumeService(new VolumeStore(config.stateRoot()));
    }

    public VolumeInfo create(VolumeSpec spec) {
        return store.create(spec);
    }

    public void remove(String name, boolean force) {
        store.remove(name, force);
    }

    public Optional<VolumeInfo> inspect(String name) {
        return store.inspect(name);
    }

    public List<VolumeInfo> list(Map<String, String> labelFilter) {
        return store.list(labelFilter == null ? Map.of() : labelFilter);
    }

    /** Ids of the containers that use a volume now (empty: dangling, as Docker says); empty when there is no such volume. */
    public Optional<Set<String>> users(String name) {
        return store.read(name).map(VolumeRecord::users);
    }
}
