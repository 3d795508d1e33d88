package io.berth.runtime.build.plan;

import io.berth.runtime.build.dockerfile.SourcePosition;
import io.berth.runtime.build.shell.Expansion;
import io.berth.runtime.build.shell.ShellLexer;
import io.berth.runtime.build.shell.SubstitutionException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Substitutes the words of one instruction with the variables as they were before it (so
 * {@code ENV a=1 b=$a} sees the old a), collecting the names used and the problems.
 */
final class Substitution {
    private final ShellLexer lexer;
    private final Map<String, String> variables;
    private final SourcePosition position;
    private final List<String> problems;
    final Set<String> used = new LinkedHashSet<>();

    Substitution(ShellLexer lexer, Map<String, String> variables, SourcePosition position, List<String> problems) {
        this.lexer = lexer;
        this.variables = Map.copyOf(variables);
        this.position = position;
        this.problems = problems;
    }

    String word(String text) {
        if (text == null) {
            return null;
        }
        try {
            Expansion expansion = lexer.processWord(text, variables);
            used.addAll(expansion.used());
            return expansion.word();
        } catch (SubstitutionException e) {
            problems.add(position + ": " + e.getMessage());
            return text;
        }
    }

    List<String> words(String text) {
        try {
            Expansion expansion = lexer.processWords(text, variables);
            used.addAll(expansion.used());
            return expansion.words();
        } catch (SubstitutionException e) {
            problems.add(position + ": " + e.getMessage());
            return List.of(text);
        }
    }

    List<String> eachWord(List<String> texts) {
        List<String> result = new ArrayList<>();
        texts.forEach(text -> result.add(word(text)));
        return result;
    }

    /** Heredoc content: variables substituted, quotes left alone (BuildKit's SkipProcessQuotes). */
    String content(String text) {
        try {
            Expansion expansion = ShellLexer.forHeredoc().processWord(text, variables);
            used.addAll(expansion.used());
            return expansion.word();
        } catch (SubstitutionException e) {
            problems.add(position + ": " + e.getMessage());
            return text;
        }
    }

    /** The instruction as shown to people: variables that are set replaced, quotes kept. */
    String display(String text) {
        try {
            return new ShellLexer(lexer.escape(), true, true, true).processWord(text, variables).word();
        } catch (SubstitutionException e) {
            return text;
        }
    }

    Map<String, String> variables() {
        return variables;
    }
}
