package io.berth.model.tree;

import java.util.ArrayList;
import java.util.List;

/**
 * A position in the Compose tree, as people read it: {@code services.web.ports[0]}. Behind both the
 * error messages and the per-attribute rules ({@link #matches}).
 */
public final class ComposePath {
    public static final ComposePath ROOT = new ComposePath(List.of());

    private final List<Object> segments; // String keys and Integer indexes

    private ComposePath(List<Object> segments) {
        this.segments = segments;
    }

    public ComposePath key(String key) {
        return append(key);
    }

    public ComposePath index(int index) {
        return append(index);
    }

    private ComposePath append(Object segment) {
        List<Object> next = new ArrayList<>(segments.size() + 1);
        next.addAll(segments);
        next.add(segment);
        return new ComposePath(List.copyOf(next));
    }

    public ComposePath parent() {
        return segments.isEmpty() ? this : new ComposePath(segments.subList(0, segments.size() - 1));
    }

    public int size() {
        return segments.size();
    }

    public Object segment(int i) {
        return segments.get(i);
    }

    public String last() {
        return segments.isEmpty() ? "" : String.valueOf(segments.get(segments.size() - 1));
    }

    /**
     * Whether this path matches a pattern like {@code services.*.ports.[]}: {@code *} is any key,
     * {@code []} any index.
     */
    public boolean matches(String pattern) {
        String[] parts = pattern.split("\\.");
        if (parts.length != segments.size()) {
            return false;
        }
        for (int i = 0; i < parts.length; i++) {
            Object segment = segments.get(i);
            String part = parts[i];
            boolean ok = segment instanceof Integer ? part.equals("[]") : part.equals("*") || part.equals(segment);
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Pattern form: keys as they are, indexes as {@code []}. */
    public String pattern() {
        StringBuilder text = new StringBuilder();
        for (Object segment : segments) {
            if (text.length() > 0) {
                text.append('.');
            }
            text.append(segment instanceof Integer ? "[]" : segment);
        }
        return text.toString();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (Object segment : segments) {
            if (segment instanceof Integer index) {
                text.append('[').append(index).append(']');
            } else {
                if (text.length() > 0) {
                    text.append('.');
                }
                text.append(segment);
            }
        }
        return text.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ComposePath path && path.segments.equals(segments);
    }

    @Override
    public int hashCode() {
        return segments.hashCode();
    }
}
