package io.berth.model.naming;

/** A project name given with {@code -p} or COMPOSE_PROJECT_NAME that Compose v2 would refuse. */
public final class InvalidProjectNameException extends RuntimeException {

    InvalidProjectNameException(String message) {
        super(message);
    }
}
