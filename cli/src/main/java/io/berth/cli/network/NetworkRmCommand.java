package io.berth.cli.network;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth network rm NAME...}: removes each; goes on after a failure, exit 1 if any failed. */
@Command(name = "rm", aliases = "remove", description = "Remove one or more networks.")
final class NetworkRmCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "NETWORK")
    List<String> names;

    @Option(names = {"-f", "--force"}, description = "Remove even with containers' addresses still reserved on it.")
    boolean force;

    @Override
    public Integer call() {
        return LocalState.removeEach(names, name -> LocalState.networks().remove(name, force));
    }
}
