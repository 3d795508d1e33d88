package io.berth.model.yaml;

import io.berth.model.Problem;
import io.berth.model.tree.ComposePath;
import io.berth.model.tree.Position;
import io.berth.model.tree.SourceMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * snakeyaml-engine nodes to plain Java values, recording positions, expanding {@code <<} merge keys,
 * reporting duplicate keys, and keeping {@code !reset}/{@code !override} as {@link Tagged}.
 * Aliases are expanded here, so the number of produced values is capped (alias bombs).
 */
final class NodeConverter {
    static final int MAX_VALUES = 1_000_000;

    private final String fileName;
    private final SourceMap sources;
    private final List<Problem> problems;
    private int produced;
    private final java.util.Set<Node> inProgress = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    /** Collections already converted once: an alias or merge key converts them again. */
    private final java.util.Set<Node> converted = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    /** How many collections being converted again enclose the current node. */
    private int reconverting;
    /** A {@code !reset} value inside a collection converted again: left out of it. */
    private static final Object DROPPED = new Object();

    NodeConverter(String fileName, SourceMap sources, List<Problem> problems) {
        this.fileName = fileName;
        this.sources = sources;
        this.problems = problems;
    }

    Object convertRoot(Node root) {
        try {
            if (expandedSize(root, new java.util.IdentityHashMap<>()) > MAX_VALUES) {
                throw new TooLarge();
            }
            return convert(root, ComposePath.ROOT);
        } catch (TooLarge e) {
            problems.add(new Problem(fileName, position(root).line(), position(root).column(), "",
                    "yaml: document expands to more than " + MAX_VALUES + " values (alias bomb?)"));
            return null;
        } catch (Recursive e) {
            problems.add(new Problem(fileName, position(e.node).line(), position(e.node).column(), "",
                    "yaml: an alias refers to a node that contains it (recursive alias)"));
            return null;
        }
    }

    /**
     * How many values the node becomes once aliases are expanded, counted on the node graph
     * (each shared node once), so that an alias bomb is refused before anything is expanded.
     */
    private long expandedSize(Node node, java.util.Map<Node, Long> known) {
        Long size = known.get(node);
        if (size != null) {
            if (size < 0) {
                throw new Recursive(node);
            }
            return size;
        }
        known.put(node, -1L);
        long total = 1;
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                total += expandedSize(tuple.getKeyNode(), known) + expandedSize(tuple.getValueNode(), known);
                if (total > MAX_VALUES) {
                    break;
                }
            }
        } else if (node instanceof SequenceNode sequence) {
            for (Node item : sequence.getValue()) {
                total += expandedSize(item, known);
                if (total > MAX_VALUES) {
                    break;
                }
            }
        }
        total = Math.min(total, MAX_VALUES + 1L);
        known.put(node, total);
        return total;
    }

    private Object convert(Node node, ComposePath path) {
        if (++produced > MAX_VALUES) {
            throw new TooLarge();
        }
        String tag = node.getTag().getValue();
        if (reconverting > 0 && tag.equals(Tagged.RESET)) {
            // Compose takes a !reset value out of its collection the first time it reads it; an alias of
            // that collection read later no longer holds it (an alias of the tagged value itself does)
            return DROPPED;
        }
        Object value;
        if (!(node instanceof ScalarNode) && !inProgress.add(node)) {
            throw new Recursive(node);
        }
        boolean again = !(node instanceof ScalarNode) && !converted.add(node);
        reconverting += again ? 1 : 0;
        if (node instanceof MappingNode mapping) {
            value = convertMapping(mapping, path);
        } else if (node instanceof SequenceNode sequence) {
            List<Object> items = new ArrayList<>(sequence.getValue().size());
            for (Node item : sequence.getValue()) {
                ComposePath itemPath = path.index(items.size());
                sources.put(itemPath, position(item));
                Object itemValue = convert(item, itemPath);
                if (itemValue != DROPPED) {
                    items.add(itemValue);
                }
            }
            value = items;
        } else {
            value = Scalars.resolve((ScalarNode) node);
        }
        reconverting -= again ? 1 : 0;
        inProgress.remove(node);
        if (tag.equals(Tagged.RESET) || tag.equals(Tagged.OVERRIDE)) {
            // a tagged scalar is not resolved by the schema: "!reset" alone is an empty string, meaning null
            return new Tagged(tag, "".equals(value) ? null : value);
        }
        return value;
    }

    private Map<String, Object> convertMapping(MappingNode mapping, ComposePath path) {
        Map<String, Object> result = new LinkedHashMap<>();
        List<Node> mergeSources = new ArrayList<>();
        Node mergeKey = null;
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if ((keyNode instanceof ScalarNode scalar
                    && scalar.getValue().equals("<<") && scalar.isPlain())) {
                Node source = tuple.getValueNode();
                if (mergeKey != null) {
                    // one merge key per mapping, as Compose's YAML reader wants (write <<: [*a, *b])
                    addProblem(keyNode, path, "duplicate key \"<<\" (first at line " + position(mergeKey).line()
                            + "; merge several mappings with <<: [*a, *b])");
                    continue;
                }
                mergeKey = keyNode;
                if (source instanceof SequenceNode sequence) {
                    mergeSources.addAll(sequence.getValue());
                } else {
                    mergeSources.add(source);
                }
                continue;
            }
            if (!(keyNode instanceof ScalarNode scalarKey)) {
                addProblem(keyNode, path, "a mapping key must be a scalar");
                continue;
            }
            String key = scalarKey.getValue();
            if (!isString(scalarKey)) {
                // Compose reads keys as YAML 1.2 values: 1, 1.5, true and null are not names
                addProblem(keyNode, path, "non-string key " + (key.isEmpty() || key.equals("~") ? "null" : key)
                        + " (quote it: \"" + key + "\")");
                continue;
            }
            ComposePath keyPath = path.key(key);
            if (result.containsKey(key)) {
                addProblem(keyNode, keyPath, "duplicate key \"" + key + "\" (first at line "
                        + sources.find(keyPath).line() + ")");
                continue;
            }
            sources.put(keyPath, position(keyNode));
            Object value = convert(tuple.getValueNode(), keyPath);
            if (value != DROPPED) {
                result.put(key, value);
            }
        }
        // Merge keys: explicit keys win, then earlier sources win over later ones (YAML merge rules).
        for (Node source : mergeSources) {
            if (!(source instanceof MappingNode)) {
                addProblem(source, path, "a merge key (<<) needs a mapping or a list of mappings");
                continue;
            }
            if (!inProgress.add(source)) {
                throw new Recursive(source);
            }
            produced += ((MappingNode) source).getValue().size();
            boolean again = !converted.add(source);
            reconverting += again ? 1 : 0;
            Map<String, Object> merged = convertMapping((MappingNode) source, path);
            reconverting -= again ? 1 : 0;
            inProgress.remove(source);
            merged.forEach(result::putIfAbsent);
        }
        return result;
    }

    private static boolean isString(ScalarNode key) {
        org.snakeyaml.engine.v2.nodes.Tag tag = key.getTag();
        return !(tag.equals(org.snakeyaml.engine.v2.nodes.Tag.INT) || tag.equals(org.snakeyaml.engine.v2.nodes.Tag.FLOAT)
                || tag.equals(org.snakeyaml.engine.v2.nodes.Tag.BOOL) || tag.equals(org.snakeyaml.engine.v2.nodes.Tag.NULL));
    }

    private void addProblem(Node node, ComposePath path, String message) {
        Position position = position(node);
        problems.add(new Problem(fileName, position.line(), position.column(), path.toString(), message));
    }

    private Position position(Node node) {
        return node.getStartMark().map(mark -> new Position(fileName, mark.getLine() + 1, mark.getColumn() + 1))
                .orElse(new Position(fileName, 0, 0));
    }

    private static final class Recursive extends RuntimeException {
        final transient Node node;

        Recursive(Node node) {
            super(null, null, false, false);
            this.node = node;
        }
    }

    private static final class TooLarge extends RuntimeException {
        TooLarge() {
            super(null, null, false, false);
        }
    }
}
