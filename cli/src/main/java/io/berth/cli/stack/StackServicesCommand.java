package io.berth.cli.stack;

import io.berth.cli.ExitCodes;
import io.berth.engine.swarm.StackQueries;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth stack services NAME}. */
@Command(name = "services", mixinStandardHelpOptions = true, description = "List the services of a stack.")
final class StackServicesCommand implements Callable<Integer> {
    @Parameters(paramLabel = "STACK")
    String stack;

    @Override
    public Integer call() throws Exception {
        SwarmAccess.print(new StackQueries(SwarmAccess.engine(null)).services(stack));
        return ExitCodes.OK;
    }
}
