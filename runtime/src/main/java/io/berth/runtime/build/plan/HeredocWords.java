package io.berth.runtime.build.plan;

import io.berth.runtime.build.dockerfile.Heredoc;
import io.berth.runtime.build.shell.ShellLexer;
import io.berth.runtime.build.shell.SubstitutionException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Whether a word is a heredoc opening ({@code <<EOF}, {@code <<-"EOF"}), as BuildKit's ParseHeredoc. */
final class HeredocWords {
    private static final Pattern HEREDOC = Pattern.compile("^(\\d*)<<(-?)\\s*([^<]*)$", Pattern.DOTALL);

    private HeredocWords() {
    }

    static Heredoc opening(String word) throws SubstitutionException {
        Matcher matcher = HEREDOC.matcher(word);
        if (!matcher.matches() || matcher.group(3).isEmpty()) {
            return null;
        }
        String rest = matcher.group(3);
        List<String> plain = new ShellLexer('\\', false, false, true).processWords(rest, Map.of()).words();
        if (plain.size() != 1) {
            return null;
        }
        List<String> raw = new ShellLexer('\\', true, false, true).processWords(rest, Map.of()).words();
        boolean expand = quotes(plain.get(0)) == quotes(raw.get(0));
        return new Heredoc(plain.get(0), "", expand, matcher.group(2).equals("-"));
    }

    private static long quotes(String word) {
        return word.chars().filter(ch -> ch == '\'' || ch == '"').count();
    }
}
