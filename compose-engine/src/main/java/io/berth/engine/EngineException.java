package io.berth.engine;

/** A Compose-level error worded for people: names the service (or resource) and the cause. */
public class EngineException extends RuntimeException {
    public EngineException(String message) {
        super(message);
    }

    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
