package io.berth.cli.volume;

import io.berth.cli.network.LocalState;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth volume rm NAME...}: refuses volumes in use unless {@code -f}; exit 1 if any failed. */
@Command(name = "rm", aliases = "remove", description = "Remove one or more volumes.")
final class VolumeRmCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "VOLUME")
    List<String> names;

    @Option(names = {"-f", "--force"}, description = "Remove even when containers use it.")
    boolean force;

    @Override
    public Integer call() {
        return LocalState.removeEach(names, name -> LocalState.volumes().remove(name, force));
    }
}
