package io.berth.cli.stack;

import io.berth.cli.ExitCodes;
import io.berth.engine.swarm.StackQueries;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code berth stack ls}. */
@Command(name = "ls", aliases = "list", mixinStandardHelpOptions = true, description = "List stacks.")
final class StackLsCommand implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
        SwarmAccess.print(new StackQueries(SwarmAccess.engine(null)).stacks());
        return ExitCodes.OK;
    }
}
