package io.berth.runtime.build;

/**
 * One step as the progress shows it.
 *
 * @param index    1-based number of the step in the whole build (stable across the build)
 * @param total    how many steps the build has
 * @param stage    the stage's name, or its index as text ("0") when unnamed
 * @param text     the instruction after substitution, as BuildKit prints it ("RUN make", "COPY src/ ./")
 * @param location where the instruction is: "Dockerfile:12"
 */
public record BuildStep(int index, int total, String stage, String text, String location) {
    @Override
    public String toString() {
        return "[" + stage + " " + index + "/" + total + "] " + text;
    }
}
