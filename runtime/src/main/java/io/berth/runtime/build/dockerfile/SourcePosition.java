package io.berth.runtime.build.dockerfile;

/** Where something is in a Dockerfile: 1-based line and column, printed as {@code file:line:col}. */
public record SourcePosition(String file, int line, int column) {
    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
