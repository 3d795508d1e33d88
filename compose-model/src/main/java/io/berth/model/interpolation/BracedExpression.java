package io.berth.model.interpolation;

/**
 * The inside of one {@code ${...}}: a name, and optionally an operator ({@code :-}, {@code -}, {@code :+},
 * {@code +}, {@code :?}, {@code ?}) with its argument (the raw text after it, not yet interpolated).
 */
public record BracedExpression(String name, String operator, String argument) {

    /** Parses text already known to match compose-go's braced pattern. */
    public static BracedExpression parse(String inside) {
        int nameEnd = 1;
        while (nameEnd < inside.length() && Interpolator.isNameChar(inside.charAt(nameEnd))) {
            nameEnd++;
        }
        String name = inside.substring(0, nameEnd);
        if (nameEnd == inside.length()) {
            return new BracedExpression(name, null, "");
        }
        int operatorLength = inside.charAt(nameEnd) == ':' ? 2 : 1;
        return new BracedExpression(name, inside.substring(nameEnd, nameEnd + operatorLength),
                inside.substring(nameEnd + operatorLength));
    }

    /**
     * compose-go's {@code getFirstBraceClosingIndex}: the index of the <code>}</code> that closes the
     * first <code>{</code>, where every <code>{</code> opens a level and skips the character after it.
     */
    public static int firstClosingBrace(String text) {
        int open = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '}') {
                open--;
                if (open == 0) {
                    return i;
                }
            }
            if (c == '{') {
                open++;
                i++;
            }
        }
        return -1;
    }
}
