package io.berth.model.tree;

import java.util.HashMap;
import java.util.Map;

/**
 * Positions of the tree's nodes by path. Paths of later files overwrite earlier ones: an error is
 * reported where the value that won was written. Unknown paths fall back to their nearest parent.
 */
public final class SourceMap {
    private final Map<ComposePath, Position> positions = new HashMap<>();
    private String defaultFile;

    public void put(ComposePath path, Position position) {
        positions.put(path, position);
        if (defaultFile == null) {
            defaultFile = position.file();
        }
    }

    public void putIfAbsent(ComposePath path, Position position) {
        positions.putIfAbsent(path, position);
    }

    public void putAll(SourceMap other) {
        other.positions.forEach(this::put);
        if (defaultFile == null) {
            defaultFile = other.defaultFile;
        }
    }

    /** Copies the positions under {@code from} to the same relative paths under {@code to}. */
    public void copySubtree(ComposePath from, ComposePath to) {
        rebased(from, to).forEach(positions::putIfAbsent);
    }

    /** Moves the positions under {@code from} to {@code to}, replacing those there (a list entry taken out). */
    public void moveSubtree(ComposePath from, ComposePath to) {
        positions.putAll(rebased(from, to));
    }

    /** The positions under {@code from}, keyed by the same relative paths under {@code to}. */
    private Map<ComposePath, Position> rebased(ComposePath from, ComposePath to) {
        Map<ComposePath, Position> rebased = new HashMap<>();
        positions.forEach((path, position) -> {
            if (startsWith(path, from)) {
                ComposePath target = to;
                for (int i = from.size(); i < path.size(); i++) {
                    Object segment = path.segment(i);
                    target = segment instanceof Integer index ? target.index(index) : target.key((String) segment);
                }
                rebased.put(target, position);
            }
        });
        return rebased;
    }

    private static boolean startsWith(ComposePath path, ComposePath prefix) {
        if (path.size() < prefix.size()) {
            return false;
        }
        for (int i = 0; i < prefix.size(); i++) {
            if (!path.segment(i).equals(prefix.segment(i))) {
                return false;
            }
        }
        return true;
    }

    public Position find(ComposePath path) {
        ComposePath current = path;
        while (true) {
            Position position = positions.get(current);
            if (position != null) {
                return position;
            }
            if (current.size() == 0) {
                return new Position(defaultFile, 0, 0);
            }
            current = current.parent();
        }
    }
}
