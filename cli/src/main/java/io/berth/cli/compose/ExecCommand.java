package io.berth.cli.compose;

import io.berth.cli.ComposeSession;
import io.berth.cli.ExitCodes;
import io.berth.runtime.ContainerInfo;
import io.berth.runtime.ExecSpec;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth exec SERVICE COMMAND...}: run a command in a running container of a service. */
@Command(name = "exec", description = "Execute a command in a running container.", modelTransformer = StopAtPositional.class)
public final class ExecCommand extends ComposeCommand {
    @Option(names = {"-d", "--detach"}, description = "Detached mode: run the command in the background.")
    boolean detach;

    @Option(names = {"-e", "--env"}, paramLabel = "KEY=VAL", description = "Set environment variables.")
    List<String> environment = new ArrayList<>();

    @Option(names = {"-u", "--user"}, paramLabel = "USER", description = "Run the command as this user.")
    String user;

    @Option(names = {"-w", "--workdir"}, paramLabel = "DIR", description = "Path to workdir directory for this command.")
    String workdir;

    @Option(names = {"-T", "--no-TTY"}, description = "Disable pseudo-TTY allocation.")
    boolean noTty;

    @Option(names = "--index", paramLabel = "N", defaultValue = "1", description = "Index of the container if the service has multiple replicas.")
    int index;

    @Option(names = "--privileged", description = "Give extended privileges to the process.")
    boolean privileged;

    @Parameters(index = "0", paramLabel = "SERVICE")
    String service;

    @Parameters(index = "1..*", paramLabel = "COMMAND", arity = "1..*")
    List<String> command = new ArrayList<>();

    @Override
    int run() throws Exception {
        try (ComposeSession session = open(List.of(service), false)) {
            ContainerInfo container = ServiceContainers.runningReplica(session.runtime(), session.projectName(), service,
                    index);
            boolean tty = !noTty && !detach && Terminal.stdinIsTerminal();
            try {
                return session.runtime().exec(container.id(),
                        new ExecSpec(command, environment, user, workdir, tty, !detach, detach, privileged));
            } catch (RuntimeException failed) {
                throw ExitCodes.forCommand(failed); // 127 or 126 when the command could not run, as docker exec
            }
        }
    }
}
