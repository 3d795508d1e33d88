package io.berth.runtime.build.shell;

import java.util.List;
import java.util.Set;

/**
 * The result of substituting variables in a word or words.
 *
 * @param words     the resulting words (one for {@link ShellLexer#processWord})
 * @param used      the names of the variables the text referred to (set or not), for cache keys
 */
public record Expansion(List<String> words, Set<String> used) {
    public Expansion {
        words = List.copyOf(words);
        used = Set.copyOf(used);
    }

    /** The single word of {@link ShellLexer#processWord}. */
    public String word() {
        return words.isEmpty() ? "" : words.get(0);
    }
}
