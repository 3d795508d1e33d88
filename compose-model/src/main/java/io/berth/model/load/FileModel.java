package io.berth.model.load;

import io.berth.model.tree.ComposePath;
import io.berth.model.tree.SourceMap;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * One Compose file after the per-file phases (parse, keys, interpolation, canonical syntax, paths):
 * its tree, its positions, the directory its relative paths were resolved against, and the paths of
 * its {@code !reset}/{@code !override} tags ({@link Directives}), to apply to what it is merged onto.
 */
record FileModel(String displayName, Path path, Map<String, Object> tree, SourceMap sources, Path baseDirectory,
        Set<ComposePath> directives) {
}
