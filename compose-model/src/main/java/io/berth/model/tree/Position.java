package io.berth.model.tree;

/** Where something was written: file as the user named it, 1-based line and column. */
public record Position(String file, int line, int column) {
}
