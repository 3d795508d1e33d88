package io.berth.cli;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth completion bash}: a completion script ({@code source <(berth completion bash)}). */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = "Print a shell completion script (bash; zsh with bashcompinit).")
final class CompletionCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "SHELL", defaultValue = "bash", description = "bash or zsh.")
    String shell;

    @Override
    public void run() {
        if (!shell.equals("bash") && !shell.equals("zsh")) {
            throw new ExitCodes.UsageException("unsupported shell \"" + shell + "\" (supported: bash, zsh)");
        }
        CommandLine root = spec.commandLine();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        spec.commandLine().getOut().print(AutoComplete.bash("berth", root));
        spec.commandLine().getOut().flush();
    }
}
