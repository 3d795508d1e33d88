package io.berth.runtime.build.shell;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Variable substitution and quote removal as BuildKit's shell lexer ({@code frontend/dockerfile/shell})
 * does it: {@code $v}, {@code ${v}}, {@code ${v:-w}}, {@code ${v-w}}, {@code ${v:+w}}, {@code ${v+w}},
 * {@code ${v:?m}}, {@code ${v?m}}, {@code ${v#p}}, {@code ${v##p}}, {@code ${v%p}}, {@code ${v%%p}},
 * {@code ${v/p/r}}, {@code ${v//p/r}}, single and double quotes, and the Dockerfile's escape character.
 */
public final class ShellLexer {
    private final char escape;
    private final boolean rawQuotes;
    private final boolean rawEscapes;
    private final boolean skipUnsetEnv;
    private final boolean skipProcessQuotes;

    public ShellLexer(char escape) {
        this(escape, false, false, false);
    }

    /**
     * @param rawQuotes    keep quote characters in the result
     * @param rawEscapes   keep escape characters in the result
     * @param skipUnsetEnv leave references to unset variables as written
     */
    public ShellLexer(char escape, boolean rawQuotes, boolean rawEscapes, boolean skipUnsetEnv) {
        this(escape, rawQuotes, rawEscapes, skipUnsetEnv, false);
    }

    private ShellLexer(char escape, boolean rawQuotes, boolean rawEscapes, boolean skipUnsetEnv,
                       boolean skipProcessQuotes) {
        this.skipProcessQuotes = skipProcessQuotes;
        this.escape = escape;
        this.rawQuotes = rawQuotes;
        this.rawEscapes = rawEscapes;
        this.skipUnsetEnv = skipUnsetEnv;
    }

    /** One word: quotes removed, variables substituted, no splitting on blanks. */
    public Expansion processWord(String word, Map<String, String> env) throws SubstitutionException {
        WordScan scan = new WordScan(this, word, env);
        WordScan.Result result = scan.run();
        return new Expansion(List.of(result.text()), scan.used);
    }

    /** Words: split on unquoted blanks (a variable's value splits too, as in BuildKit). */
    public Expansion processWords(String text, Map<String, String> env) throws SubstitutionException {
        WordScan scan = new WordScan(this, text, env);
        WordScan.Result result = scan.run();
        return new Expansion(result.words(), scan.used);
    }

    /** The lexer for heredoc content: variables substituted, quote characters left as they are. */
    public static ShellLexer forHeredoc() {
        return new ShellLexer('\\', false, false, false, true);
    }

    public char escape() {
        return escape;
    }

    boolean skipProcessQuotes() {
        return skipProcessQuotes;
    }

    boolean rawQuotes() {
        return rawQuotes;
    }

    boolean rawEscapes() {
        return rawEscapes;
    }

    boolean skipUnsetEnv() {
        return skipUnsetEnv;
    }

    /** The variable names {@code text} refers to (whether set or not). */
    public Set<String> referencedNames(String text) {
        try {
            WordScan scan = new WordScan(this, text, Map.of());
            scan.run();
            return new LinkedHashSet<>(scan.used);
        } catch (SubstitutionException e) {
            return Set.of();
        }
    }
}
