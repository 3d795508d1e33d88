package io.berth.runtime.build.dockerfile;

/**
 * One here-document of an instruction ({@code <<EOF} ... {@code EOF}).
 *
 * @param name    the delimiter word without quotes or dash, e.g. {@code EOF}
 * @param content the lines between the opening and the closing delimiter, each ending in "\n",
 *                as written (no expansion, no tab stripping: see {@link #chomped()})
 * @param expand  false when the delimiter was quoted ({@code <<"EOF"}, {@code <<'EOF'}): no
 *                variable substitution in the content
 * @param chomp   true for {@code <<-EOF}: leading tabs are stripped from every line
 */
public record Heredoc(String name, String content, boolean expand, boolean chomp) {
    /** The content with leading tabs removed from each line when {@link #chomp} is set. */
    public String chomped() {
        if (!chomp) {
            return content;
        }
        StringBuilder out = new StringBuilder(content.length());
        for (String line : content.split("(?<=\n)")) {
            int start = 0;
            while (start < line.length() && line.charAt(start) == '\t') {
                start++;
            }
            out.append(line, start, line.length());
        }
        return out.toString();
    }
}
