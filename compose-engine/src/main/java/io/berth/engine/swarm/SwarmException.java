package io.berth.engine.swarm;

/** The Docker Engine refused or could not be reached; the message says what was attempted. */
public final class SwarmException extends Exception {
    public SwarmException(String message) {
        super(message);
    }

    public SwarmException(String message, Throwable cause) {
        super(message, cause);
    }
}
