package io.berth.model;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The Compose files could not be loaded: every problem found, sorted, one per line. */
public class ComposeProblemsException extends Exception {
    private final List<Problem> problems;

    public ComposeProblemsException(List<Problem> problems) {
        super(render(problems));
        List<Problem> sorted = new ArrayList<>(new java.util.TreeSet<>(problems));
        this.problems = List.copyOf(sorted);
    }

    public ComposeProblemsException(Problem problem) {
        this(List.of(problem));
    }

    public List<Problem> problems() {
        return problems;
    }

    /**
     * Whether every problem is a file that does not exist (an extended file, an env file): Docker
     * Compose exits 14 for those, not 15.
     */
    public boolean onlyMissingFiles() {
        return !problems.isEmpty() && problems.stream().allMatch(problem ->
                problem.message().matches("(?s).*(extended file not found|env file .* not found).*"));
    }

    private static String render(List<Problem> problems) {
        return problems.stream().sorted().distinct().map(Problem::toString).collect(Collectors.joining("\n"));
    }
}
