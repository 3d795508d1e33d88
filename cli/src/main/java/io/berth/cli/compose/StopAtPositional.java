package io.berth.cli.compose;

import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;

/**
 * For run and exec: options end at the service name, so "run web sh -c 'x'" passes -c to the
 * command (Docker Compose does the same: flags are not interspersed there).
 */
final class StopAtPositional implements IModelTransformer {
    @Override
    public CommandSpec transform(CommandSpec commandSpec) {
        commandSpec.parser().stopAtPositional(true);
        return commandSpec;
    }
}
