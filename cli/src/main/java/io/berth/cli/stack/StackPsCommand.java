package io.berth.cli.stack;

import io.berth.cli.ExitCodes;
import io.berth.engine.swarm.StackQueries;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth stack ps NAME}: the stack's tasks (running ones unless {@code -a}). */
@Command(name = "ps", mixinStandardHelpOptions = true, description = "List the tasks of a stack.")
final class StackPsCommand implements Callable<Integer> {
    @Option(names = {"-a", "--all"}, description = "Also tasks that are shut down or failed.")
    boolean all;

    @Parameters(paramLabel = "STACK")
    String stack;

    @Override
    public Integer call() throws Exception {
        SwarmAccess.print(new StackQueries(SwarmAccess.engine(null)).tasks(stack, all));
        return ExitCodes.OK;
    }
}
