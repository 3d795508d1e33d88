package io.berth.cli.server;

import io.berth.cli.BerthCommand;
import io.berth.cli.Invocation;
import io.berth.cli.ServedCommands;
import io.berth.runtime.Runtimes;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * The server's one warm-up at start, so that its first request does not pay the class loading
 * and picocli set-up a cold JVM would: a {@code version} (output discarded), the served-command
 * decision of a {@code ps}, and the supervisor client's Jackson set-up. Nothing is connected.
 */
final class WarmUp {
    private WarmUp() {
    }

    static void run() {
        Invocation quiet = new Invocation(System.getenv(), Path.of("/"), InputStream.nullInputStream(),
                OutputStream.nullOutputStream(), OutputStream.nullOutputStream(), Invocation.Terminals.NONE);
        Invocation.runAs(quiet, () -> {
            BerthCommand.run(new String[] {"version"});
            ServedCommands.serves(new String[] {"ps", "-a"});
            ServedCommands.serves(new String[] {"up", "-d"});
            Runtimes.warmUp();
        });
    }
}
