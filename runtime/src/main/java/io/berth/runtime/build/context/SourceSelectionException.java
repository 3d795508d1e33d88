package io.berth.runtime.build.context;

/** A COPY/ADD whose sources cannot be selected, said for people (e.g. "src/*.py: no such file"). */
public class SourceSelectionException extends Exception {
    public SourceSelectionException(String message) {
        super(message);
    }
}
