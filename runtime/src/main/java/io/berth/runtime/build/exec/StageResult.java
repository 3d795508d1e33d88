package io.berth.runtime.build.exec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.runtime.build.plan.ImageSettings;
import io.berth.runtime.image.BuilderStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A stage's file system and config so far: the base's, then each step's.
 *
 * @param layers     bottom-most first, as a manifest lists them
 * @param baseConfig the base image's whole config JSON (architecture, os... are kept), or an empty object
 * @param settings   the run settings in force
 * @param history    the config's history entries (the base's first)
 * @param key        the cache key of the last step, or the base's identity
 * @param created    the newest history time, for the config's "created"
 */
record StageResult(List<BuilderStore.Layer> layers, ObjectNode baseConfig, ImageSettings settings,
                   List<ObjectNode> history, String key, String created) {
    StageResult {
        layers = List.copyOf(layers);
        history = List.copyOf(history);
    }

    /** The layer directories, top-most first: the lowerdir order of an overlay. */
    List<Path> layerDirsTopFirst(BuilderStore store) {
        List<Path> dirs = new ArrayList<>();
        for (int i = layers.size() - 1; i >= 0; i--) {
            dirs.add(store.layerDir(layers.get(i).diffId()));
        }
        return dirs;
    }
}
