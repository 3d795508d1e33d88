package io.berth.model;

import java.util.Comparator;

/**
 * One thing wrong with the Compose files: where (file, 1-based line and column, 0 when unknown),
 * at which attribute ({@code services.web.ports[0]}) and what.
 */
public record Problem(String file, int line, int column, String path, String message)
        implements Comparable<Problem> {

    private static final Comparator<Problem> ORDER = Comparator
            .comparing((Problem p) -> p.file == null ? "" : p.file)
            .thenComparingInt(Problem::line)
            .thenComparingInt(Problem::column)
            .thenComparing(p -> p.path == null ? "" : p.path)
            .thenComparing(Problem::message);

    @Override
    public int compareTo(Problem other) {
        return ORDER.compare(this, other);
    }

    /** {@code compose.yaml:14:7: services.web.depends_on.db: service "db" is not defined}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        if (file != null) {
            text.append(file);
            if (line > 0) {
                text.append(':').append(line).append(':').append(column);
            }
            text.append(": ");
        }
        if (path != null && !path.isEmpty()) {
            text.append(path).append(": ");
        }
        return text.append(message).toString();
    }
}
