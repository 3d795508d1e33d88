package io.berth.runtime;

import java.util.List;

/** A command to run in a running container; null user/workingDir: the container's. */
public record ExecSpec(List<String> command, List<String> environment, String user, String workingDir,
                       boolean tty, boolean interactive, boolean detach, boolean privileged) {
    public ExecSpec {
        command = List.copyOf(command);
        environment = environment == null ? List.of() : List.copyOf(environment);
    }
}
