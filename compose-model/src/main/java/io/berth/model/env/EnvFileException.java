package io.berth.model.env;

/** An env file (.env, --env-file, COMPOSE_ENV_FILES) that is missing, unreadable or malformed. */
public final class EnvFileException extends RuntimeException {

    EnvFileException(String message) {
        super(message);
    }

    EnvFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
