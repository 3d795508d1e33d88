package io.berth.cli;

import picocli.CommandLine.Option;

/** {@code --debug}, accepted by every command: print stack traces of failures. */
public final class DebugOption {
    @Option(names = "--debug", description = "Print stack traces of failures.")
    void setDebug(boolean enabled) {
        if (enabled) {
            ExitCodes.enableDebug();
        }
    }
}
