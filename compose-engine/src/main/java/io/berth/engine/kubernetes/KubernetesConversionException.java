package io.berth.engine.kubernetes;

import java.util.List;

/** The project cannot be converted without emitting objects an API server would reject. */
public final class KubernetesConversionException extends Exception {
    private final List<String> problems;

    public KubernetesConversionException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
