package io.berth.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/** The Compose files could not be loaded: every problem found, sorted, one per line. */
public class ComposeProblemsException extends Exception {
    private final List<Problem> problems;

    public ComposeProblemsException(List<Problem> problems) {
        super(render(problems));
        List<Problem> sorted = new ArrayList<>(problems);
        Collections.sort(sorted);
        this.problems = List.copyOf(sorted);
    }

    public ComposeProblemsException(Problem problem) {
        this(List.of(problem));
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String render(List<Problem> problems) {
        return problems.stream().sorted().distinct().map(Problem::toString).collect(Collectors.joining("\n"));
    }
}
