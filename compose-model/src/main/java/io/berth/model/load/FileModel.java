package io.berth.model.load;

import io.berth.model.tree.SourceMap;
import java.nio.file.Path;
import java.util.Map;

/**
 * One Compose file after the per-file phases (parse, keys, interpolation, canonical syntax, paths):
 * its tree, its positions, the directory its relative paths were resolved against.
 */
record FileModel(String displayName, Path path, Map<String, Object> tree, SourceMap sources, Path baseDirectory) {
}
