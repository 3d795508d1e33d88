package io.berth.engine;

import java.util.List;

/**
 * How {@code run} changes the service for a one-off container: a null field keeps the service's.
 *
 * @param environment KEY=VALUE entries added after the service's
 */
public record OneOffOptions(String name, List<String> command, List<String> entrypoint, List<String> environment,
                            String user, String workingDir, boolean tty, boolean interactive) {
    public OneOffOptions {
        environment = environment == null ? List.of() : List.copyOf(environment);
    }
}
