package io.berth.cli.stack;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code berth stack}: a Compose project on a Docker Engine in swarm mode ({@code DOCKER_HOST}). */
@Command(name = "stack", mixinStandardHelpOptions = true,
        description = "Deploy and manage stacks on a Docker swarm (DOCKER_HOST).",
        subcommands = {
            StackDeployCommand.class,
            StackLsCommand.class,
            StackServicesCommand.class,
            StackPsCommand.class,
            StackRmCommand.class,
        })
public final class StackCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
