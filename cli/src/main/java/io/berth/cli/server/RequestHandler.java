package io.berth.cli.server;

import io.berth.cli.BerthCommand;
import io.berth.cli.Invocation;
import io.berth.cli.ServedCommands;
import io.berth.runtime.UnixChannels;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One request, on its own thread: check the caller, decide whether to serve it, run the command
 * on a thread of its own with the caller's {@link Invocation}, and send the exit code. A signal
 * from the client interrupts the command; its exit code is then 128 + the signal's number.
 */
final class RequestHandler implements Runnable {
    static final String PROTOCOL_VERSION = "1";
    private static final int INTERRUPTED_GRACE_MILLIS = 2000;
    private final CliServer server;
    private final Connection connection;

    RequestHandler(CliServer server, Connection connection) {
        this.server = server;
        this.connection = connection;
    }

    @Override
    public void run() {
        try (connection) {
            if (!UnixChannels.isOwnUser(connection.fd)) {
                server.log("refused a client of uid " + UnixChannels.peerUid(connection.fd));
                return;
            }
            Request request = Request.parse(connection.readPayload());
            if (server.steppingAside() || server.buildChanged()) {
                server.stepAside("its jars changed");
                connection.reply(Connection.RUN_IT_YOURSELF, Connection.STEPPED_ASIDE);
                return;
            }
            ServedCommands.Decision decision = decide(request, connection.stdinIsTerminal());
            if (!request.version().equals(PROTOCOL_VERSION) || !server.isOwnLauncher(request.environment())
                    || !server.sharesProcessWideSettings(request.environment()) || !decision.served()) {
                server.log("not served: " + decision.command());
                connection.reply(Connection.RUN_IT_YOURSELF, Connection.NOT_SERVED);
                return;
            }
            long start = System.nanoTime();
            connection.reply(Connection.ACCEPTED, 0);
            int code = runCommand(request, connection.takeStdio());
            // logged before the client learns the code: a test reads the log once the client exits
            server.log("served: " + decision.command() + ", exit " + code + " in "
                    + (System.nanoTime() - start) / 1_000_000 + " ms");
            if (code >= 0) {
                connection.reply(Connection.EXIT, code);
            }
        } catch (Throwable e) { // an Error too (OutOfMemoryError, StackOverflowError): this request fails, the server serves on
            server.log("request failed: " + e);
        }
    }

    private static ServedCommands.Decision decide(Request request, boolean stdinIsTerminal) {
        try {
            return ServedCommands.decide(request.args().toArray(String[]::new), stdinIsTerminal);
        } catch (RuntimeException e) {
            return new ServedCommands.Decision("(not understood)", false); // the JVM path will say what is wrong
        }
    }

    /** Runs it; the exit code, or -1 when the client went away (nobody to tell). */
    private int runCommand(Request request, int[] stdio) {
        Invocation.Terminals terminals = new Invocation.Terminals(UnixChannels.isTerminal(stdio[0]),
                UnixChannels.isTerminal(stdio[1]), UnixChannels.isTerminal(stdio[2]));
        OutputStream out = new BufferedOutputStream(UnixChannels.output(stdio[1]), 8192);
        OutputStream err = new BufferedOutputStream(UnixChannels.output(stdio[2]), 8192);
        Invocation invocation = new Invocation(request.environment(), request.workingDirectory(),
                UnixChannels.input(stdio[0]), out, err, terminals);
        int[] done = UnixChannels.pipe();
        AtomicInteger code = new AtomicInteger(1);
        String[] args = request.args().toArray(String[]::new);
        Thread command = new Thread(() -> {
            try {
                Invocation.runAs(invocation, () -> code.set(BerthCommand.run(args)));
            } catch (Throwable failure) {
                print(err, "berth: " + failure + "\n");
            } finally {
                flushQuietly(out);
                flushQuietly(err);
                // the caller's fds are closed only when nothing can write to them any more
                for (int fd : stdio) {
                    UnixChannels.closeQuietly(fd);
                }
                UnixChannels.writeByte(done[1]);
                UnixChannels.close(done[1]);
            }
        }, "berth-command");
        command.start();
        try {
            while (true) {
                List<Integer> ready = UnixChannels.pollReadable(new int[] {connection.fd, done[0]}, -1);
                if (ready.contains(1)) {
                    return code.get();
                }
                if (ready.contains(0)) {
                    int signal = connection.readSignal();
                    if (signal != 0) {
                        command.interrupt();
                        if (signal > 0) {
                            // a moment for what the interrupted command still says to come before the prompt
                            UnixChannels.pollReadable(new int[] {done[0]}, INTERRUPTED_GRACE_MILLIS);
                        }
                        return signal < 0 ? -1 : 128 + signal;
                    }
                }
            }
        } finally {
            UnixChannels.close(done[0]);
        }
    }

    private static void print(OutputStream stream, String text) {
        try {
            stream.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.IOException ignored) {
            // the caller's stderr is gone
        }
    }

    private static void flushQuietly(OutputStream stream) {
        try {
            stream.flush();
        } catch (java.io.IOException ignored) {
            // the caller's stdout/stderr is gone (a closed pipe): nothing left to tell it
        }
    }
}
