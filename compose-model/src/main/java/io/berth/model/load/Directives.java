package io.berth.model.load;

import io.berth.model.tree.ComposePath;
import io.berth.model.tree.SourceMap;
import io.berth.model.yaml.Tagged;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The merge tags of one Compose document, read as Docker Compose reads them: a value tagged
 * {@code !reset} is taken out of the document, one tagged {@code !override} is kept, and both record
 * their path. Before the document is merged onto what came before it (earlier files, or the base of
 * an {@code extends}), whatever lies at those paths there is removed: so {@code !reset} removes and
 * {@code !override} replaces instead of merging. Only keys of mappings are removed, never entries of
 * lists, and never keys of a mapping that Compose still holds as a list ({@link ListWritten}).
 */
final class Directives {
    private static final Object REMOVED = new Object();

    private Directives() {
    }

    /** A document without its tags, and the paths they were written at. */
    record Extracted(Map<String, Object> tree, Set<ComposePath> paths) {
    }

    /** @param sources the positions of the document: those of list entries after a removed one move up */
    static Extracted extract(Map<String, Object> document, SourceMap sources) {
        Set<ComposePath> paths = new LinkedHashSet<>();
        Object tree = strip(document, ComposePath.ROOT, paths, sources);
        return new Extracted(tree == REMOVED ? new LinkedHashMap<>() : Values.map(tree), paths);
    }

    private static Object strip(Object value, ComposePath path, Set<ComposePath> paths, SourceMap sources) {
        if (value instanceof Tagged tagged) {
            paths.add(path);
            // tags inside an overriding value are not directives of their own (compose-go stops there)
            return tagged.tag().equals(Tagged.RESET) ? REMOVED : strip(tagged.value(), path, new LinkedHashSet<>(), sources);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            Values.map(map).forEach((key, item) -> {
                Object kept = strip(item, path.key(key), paths, sources);
                if (kept != REMOVED) {
                    out.put(key, kept);
                }
            });
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                Object kept = strip(list.get(i), path.index(i), paths, sources);
                if (kept != REMOVED) {
                    if (out.size() < i) {
                        sources.moveSubtree(path.index(i), path.index(out.size()));
                    }
                    out.add(kept);
                }
            }
            return out;
        }
        return value;
    }

    /**
     * A copy of {@code base} without what lies at {@code paths}.
     *
     * @param writtenShapes true when base is a service as written in the same file (the base of an
     *                      {@code extends} there), false when it went through Compose's canonical
     *                      form (earlier files, another file's service), where depends_on and a
     *                      service's networks are always mappings
     */
    static Map<String, Object> apply(Map<String, Object> base, Set<ComposePath> paths, boolean writtenShapes) {
        if (paths.isEmpty()) {
            return base;
        }
        return Values.map(without(base, ComposePath.ROOT, paths, writtenShapes));
    }

    private static Object without(Object value, ComposePath path, Set<ComposePath> paths, boolean writtenShapes) {
        if (!(value instanceof Map<?, ?> map)) {
            return value;
        }
        boolean keysRemovable = !(map instanceof ListWritten) || !writtenShapes
                && (path.matches("services.*.depends_on") || path.matches("services.*.networks"));
        Map<String, Object> out = map instanceof ListWritten ? new ListWritten(Map.of()) : new LinkedHashMap<>();
        Values.map(map).forEach((key, item) -> {
            ComposePath at = path.key(key);
            if (!keysRemovable || !paths.contains(at)) {
                out.put(key, keysRemovable ? without(item, at, paths, writtenShapes) : item);
            }
        });
        return out;
    }
}
