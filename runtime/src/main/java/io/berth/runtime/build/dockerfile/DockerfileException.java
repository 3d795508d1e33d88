package io.berth.runtime.build.dockerfile;

import java.util.List;

/**
 * Every problem of a Dockerfile at once, each as {@code Dockerfile:LINE:COL: message}, sorted by
 * position; the message is the problems one per line.
 */
public class DockerfileException extends Exception {
    private final List<String> problems;

    public DockerfileException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }

    /** The problems without repeats, ordered by line and column ({@code file:line:col: ...}). */
    public static List<String> sortedByPosition(List<String> problems) {
        return problems.stream().distinct()
                .sorted(java.util.Comparator.comparingLong(DockerfileException::order)).toList();
    }

    private static long order(String problem) {
        String[] parts = problem.split(":", 4);
        try {
            return Long.parseLong(parts[1].strip()) * 100_000 + Long.parseLong(parts[2].strip());
        } catch (RuntimeException e) {
            return parts.length > 1 && !parts[1].strip().matches("\\d+") ? -1 : Long.MAX_VALUE;
        }
    }
}
