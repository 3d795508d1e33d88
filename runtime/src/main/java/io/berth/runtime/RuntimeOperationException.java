package io.berth.runtime;

/**
 * A runtime operation that failed, worded for people: what was being attempted, on what,
 * and why it failed ("start container demo-web-1: mount /data: No such file or directory").
 */
public class RuntimeOperationException extends RuntimeException {
    public enum Kind { NOT_FOUND, CONFLICT, INVALID, FAILED }

    private final Kind kind;

    public RuntimeOperationException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public RuntimeOperationException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
