package io.berth.runtime.build.dockerfile;

import java.util.List;
import java.util.Optional;

/**
 * One Dockerfile instruction after line continuations, comments and heredocs are taken apart, before
 * any variable substitution.
 *
 * @param keyword   the instruction in upper case: FROM, RUN, COPY, ...
 * @param flags     the leading {@code --flags}, in order (a flag may repeat: --mount, --exclude)
 * @param arguments the text after the flags, with continuations joined (the escape character and
 *                  newline removed), leading and trailing blanks stripped, comments inside
 *                  continuations removed
 * @param words     the arguments split as BuildKit splits them for this instruction: the JSON
 *                  array's elements for the exec form; for the shell form of RUN/CMD/ENTRYPOINT/
 *                  HEALTHCHECK CMD one word (the whole command); else whitespace-separated words with
 *                  quotes kept (quotes are removed by substitution); for ENV/LABEL/ARG: key, value
 *                  pairs flattened (key1, value1, key2, value2)
 * @param jsonForm  true when {@code arguments} is a JSON array of strings (exec form)
 * @param heredocs  the here-documents the instruction opened, in order
 * @param position  where the keyword starts
 * @param original  the instruction's source lines as written (for messages)
 */
public record Instruction(String keyword, List<Flag> flags, String arguments, List<String> words,
                          boolean jsonForm, List<Heredoc> heredocs, SourcePosition position, String original) {
    public Instruction {
        flags = List.copyOf(flags);
        words = List.copyOf(words);
        heredocs = List.copyOf(heredocs);
    }

    /** The last value of flag {@code name}, if given ({@code Optional.of("")}... for {@code --name=}). */
    public Optional<Flag> flag(String name) {
        Flag found = null;
        for (Flag flag : flags) {
            if (flag.name().equals(name)) {
                found = flag;
            }
        }
        return Optional.ofNullable(found);
    }

    /** Every value of a repeatable flag, in order. */
    public List<Flag> flagsNamed(String name) {
        return flags.stream().filter(flag -> flag.name().equals(name)).toList();
    }
}
