package io.berth.runtime.build.dockerfile;

/**
 * One instruction's text after continuations are joined, with the source position of every
 * character (continuations make a column of the joined text map to another line).
 */
record LogicalLine(String text, int[] lines, int[] columns, int startLine, int endLine, String original) {
    /** The source position of character {@code index} (the last one's when past the end). */
    SourcePosition position(String file, int index) {
        if (text.isEmpty()) {
            return new SourcePosition(file, startLine, 1);
        }
        int at = Math.max(0, Math.min(index, text.length() - 1));
        return new SourcePosition(file, lines[at], columns[at]);
    }
}
