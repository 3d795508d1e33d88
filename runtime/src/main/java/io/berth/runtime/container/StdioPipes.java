package io.berth.runtime.container;

import io.berth.runtime.linux.FdCalls;
import io.berth.runtime.linux.Terminals;
import java.util.ArrayList;
import java.util.List;

/**
 * The stdio of an exec without a pty (-T): this process's descriptors 0-2 as they are, except
 * those that are a terminal, which become pipes relayed by threads, as Docker Compose's -T does.
 * A container's process must never hold the user's terminal (it could read it, or push keys into
 * it with TIOCSTI), and {@code test -t 0} is false inside, as -T promises.
 */
final class StdioPipes implements AutoCloseable {
    private final int[] childStdio = {0, 1, 2};
    private final List<Integer> childEnds = new ArrayList<>();
    private final List<Thread> outputPumps = new ArrayList<>();

    StdioPipes() {
        for (int fd = 0; fd <= 2; fd++) {
            if (!Terminals.isTerminal(fd)) {
                continue;
            }
            int[] pipe = FdCalls.pipe();
            int ours = fd == 0 ? pipe[1] : pipe[0];
            int theirs = fd == 0 ? pipe[0] : pipe[1];
            childStdio[fd] = theirs;
            childEnds.add(theirs);
            Thread pump = fd == 0 ? pump(0, ours, "input") : pump(ours, fd, "output-" + fd);
            if (fd != 0) {
                outputPumps.add(pump);
            }
        }
    }

    /** The descriptors the command gets as its 0, 1, 2. */
    int[] childStdio() {
        return childStdio.clone();
    }

    /** Once the command started: only it holds the pipes' other ends, so its exit ends the output. */
    void closeChildEnds() {
        childEnds.forEach(FdCalls::closeQuietly);
        childEnds.clear();
    }

    /** Waits until the command (and whatever it left running holding its output) closed its output. */
    void awaitOutput() throws InterruptedException {
        for (Thread pump : outputPumps) {
            pump.join();
        }
    }

    @Override
    public void close() {
        closeChildEnds();
    }

    /** Copies until end of file or an error, then closes {@code from} (and a pipe it wrote to). */
    private static Thread pump(int from, int to, String name) {
        Thread thread = new Thread(() -> {
            try {
                while (true) {
                    byte[] bytes = FdCalls.read(from, 8192);
                    if (bytes.length == 0) {
                        break;
                    }
                    FdCalls.writeAll(to, bytes);
                }
            } catch (RuntimeException ended) {
                // the reader went away (EPIPE) or the source failed: the relay ends
            } finally {
                FdCalls.closeQuietly(from > 2 ? from : to);
            }
        }, "berth-exec-" + name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
