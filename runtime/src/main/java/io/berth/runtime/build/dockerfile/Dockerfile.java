package io.berth.runtime.build.dockerfile;

import java.util.List;
import java.util.Optional;

/**
 * A parsed Dockerfile.
 *
 * @param fileName   the name used in positions, e.g. {@code Dockerfile}
 * @param escape     the escape character ({@code \} unless {@code # escape=`})
 * @param syntax     the {@code # syntax=} directive's value, or null (read, not acted on)
 * @param notes      remarks for the user that are no errors, e.g. that {@code # syntax=} is ignored
 * @param globalArgs the ARG instructions before the first FROM
 * @param stages     the stages in file order
 */
public record Dockerfile(String fileName, char escape, String syntax, List<String> notes,
                         List<Instruction> globalArgs, List<Stage> stages) {
    public Dockerfile {
        notes = List.copyOf(notes);
        globalArgs = List.copyOf(globalArgs);
        stages = List.copyOf(stages);
    }

    /** The stage called {@code name} (case-insensitive) or with that index. */
    public Optional<Stage> stage(String nameOrIndex) {
        String wanted = nameOrIndex.toLowerCase(java.util.Locale.ROOT);
        for (Stage stage : stages) {
            if (wanted.equals(stage.name())) {
                return Optional.of(stage);
            }
        }
        if (wanted.matches("\\d{1,9}") && Integer.parseInt(wanted) < stages.size()) {
            return Optional.of(stages.get(Integer.parseInt(wanted)));
        }
        return Optional.empty();
    }
}
