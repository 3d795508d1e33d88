package io.berth.cli.stack;

import io.berth.cli.ExitCodes;
import io.berth.engine.swarm.StackRemover;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth stack rm NAME...}: services, secrets, configs, then networks. */
@Command(name = "rm", aliases = {"remove", "down"}, mixinStandardHelpOptions = true, description = "Remove stacks.")
final class StackRmCommand implements Callable<Integer> {
    @Parameters(paramLabel = "STACK", arity = "1..*")
    List<String> stacks;

    @Override
    public Integer call() throws Exception {
        StackRemover remover = new StackRemover(SwarmAccess.engine(null), System.out::println);
        int status = ExitCodes.OK;
        for (String stack : stacks) {
            if (!remover.remove(stack)) {
                System.err.println("berth: nothing found in stack: " + stack);
                status = ExitCodes.FAILURE;
            }
        }
        return status;
    }
}
