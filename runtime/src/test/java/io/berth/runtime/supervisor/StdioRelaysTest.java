package io.berth.runtime.supervisor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.runtime.ContainerId;
import io.berth.runtime.RuntimeConfig;
import io.berth.runtime.client.AttachFrames;
import io.berth.runtime.container.ContainerStdio;
import io.berth.runtime.linux.FdCalls;
import io.berth.runtime.linux.ProcessCalls;
import io.berth.runtime.linux.Terminals;
import io.berth.runtime.state.ContainerLayout;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The supervisor's relay of a container's terminal to attached clients, on a pty of the test's own. */
class StdioRelaysTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    /**
     * A client that types "exit 4" and closes at once races the shell's next prompt: when the relay's
     * send of that prompt failed first, it closed the connection and the unread "exit 4" was lost (the
     * TerminalComposeTest supervisor-kill flake: the container still ran 60 s later). Here the client
     * stops taking output (shutdownInput: sends to it fail, as to one that closed) before its input is sent.
     */
    @Test
    void inputOfAClientThatNoLongerTakesOutputStillReachesTheTerminal() throws Exception {
        Path root = Files.createTempDirectory(Path.of("/tmp"), "berth-test-relays-");
        ContainerLayout layout = new ContainerLayout(new RuntimeConfig(root.resolve("state"), root.resolve("run")));
        ContainerId id = ContainerId.random();
        Files.createDirectories(layout.dir(id));
        StdioRelays relays = new StdioRelays(layout);
        Terminals.Pty pty = Terminals.openPty("/dev/ptmx");
        int slave = FdCalls.open(pty.slavePath(), FdCalls.O_RDWR | FdCalls.O_NOCTTY, 0);
        Path socket = root.resolve("attach.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            relays.started(id, ContainerStdio.TERMINAL, pty.master()); // the relay owns the master now
            try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(socket));
                 SocketChannel served = server.accept()) {
                CountDownLatch attached = new CountDownLatch(1);
                Thread attach = new Thread(() -> {
                    try {
                        relays.attach(id, served, null, attached::countDown);
                    } catch (IOException e) {
                        // the connection ended
                    }
                }, "attach-under-test");
                attach.setDaemon(true);
                attach.start();
                assertTrue(attached.await(PATIENCE.toSeconds(), TimeUnit.SECONDS), "never attached");

                client.shutdownInput();
                // the relay's send of prompt-1 fails; once prompt-2 is in the log, that send is over
                // (the pump logs, then sends, then reads on)
                for (String prompt : new String[] {"prompt-1\n", "prompt-2\n"}) {
                    FdCalls.writeAll(slave, prompt);
                    awaitLogged(layout.rawStdout(id), prompt.trim());
                }
                AttachFrames.write(client, AttachFrames.Type.DATA, "exit 4\n".getBytes(StandardCharsets.UTF_8));
                assertTrue(readsFrom(slave, "exit 4"), "the input sent before the failed send never reached the terminal");
            }
        } finally {
            relays.forget(id); // ends the pump (which closes the master) and the holder
            FdCalls.closeQuietly(slave);
            try (Stream<Path> paths = Files.walk(root)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /**
     * A client that takes no output (stopped with Ctrl-Z: here one that never reads) leaves the
     * pump blocked in a write to it once the socket's buffers are full. The exit's let-go of the
     * clients used to wait for that write's lock for good, under the container's lock: the exit
     * was never recorded. Now a write that does not end within a moment is closed under it.
     */
    @Test
    void aClientThatTakesNoOutputNeverHoldsTheExit() throws Exception {
        Path root = Files.createTempDirectory(Path.of("/tmp"), "berth-test-relays-");
        ContainerLayout layout = new ContainerLayout(new RuntimeConfig(root.resolve("state"), root.resolve("run")));
        ContainerId id = ContainerId.random();
        Files.createDirectories(layout.dir(id));
        StdioRelays relays = new StdioRelays(layout);
        Terminals.Pty pty = Terminals.openPty("/dev/ptmx");
        int slave = FdCalls.open(pty.slavePath(), FdCalls.O_RDWR | FdCalls.O_NOCTTY | FdCalls.O_NONBLOCK, 0);
        Path socket = root.resolve("attach.sock");
        java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.atomic.AtomicLong written = new java.util.concurrent.atomic.AtomicLong();
        Thread output = new Thread(() -> {
            byte[] chunk = "x".repeat(4095).concat("\n").getBytes(StandardCharsets.UTF_8);
            while (writing.get()) {
                try {
                    FdCalls.writeAll(slave, chunk);
                    written.addAndGet(chunk.length);
                } catch (RuntimeException full) {
                    sleepQuietly(10); // EAGAIN: the terminal's buffer is full
                }
            }
        }, "container-output");
        output.setDaemon(true);
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            relays.started(id, ContainerStdio.TERMINAL, pty.master());
            try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(socket));
                 SocketChannel served = server.accept()) {
                CountDownLatch attached = new CountDownLatch(1);
                Thread attach = new Thread(() -> {
                    try {
                        relays.attach(id, served, null, attached::countDown);
                    } catch (IOException e) {
                        // the connection ended
                    }
                }, "attach-under-test");
                attach.setDaemon(true);
                attach.start();
                assertTrue(attached.await(PATIENCE.toSeconds(), TimeUnit.SECONDS), "never attached");
                output.start();
                awaitNoProgress(written); // the client's buffers are full: the pump is blocked in its write

                CountDownLatch exitHandled = new CountDownLatch(1);
                Thread exit = new Thread(() -> {
                    relays.exited(id);
                    exitHandled.countDown();
                }, "exit-under-test");
                exit.setDaemon(true);
                exit.start();
                assertTrue(exitHandled.await(30, TimeUnit.SECONDS), "the exit waited for a client that takes no output");
            }
        } finally {
            writing.set(false);
            output.join(PATIENCE.toMillis());
            relays.forget(id);
            FdCalls.closeQuietly(slave);
            try (Stream<Path> paths = Files.walk(root)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /** Until the count has not moved for a second (the writes block), at most PATIENCE. */
    private static void awaitNoProgress(java.util.concurrent.atomic.AtomicLong written) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        long last = -1;
        while (System.nanoTime() < deadline) {
            long now = written.get();
            if (now == last && now > 0) {
                return;
            }
            last = now;
            Thread.sleep(1000);
        }
        throw new AssertionError("the output never filled the client's buffers (" + last + " bytes)");
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitLogged(Path rawStdout, String text) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!(Files.exists(rawStdout) && Files.readString(rawStdout).contains(text))) {
            assertTrue(System.nanoTime() < deadline, text + " never reached " + rawStdout);
            Thread.sleep(20);
        }
    }

    /** Reads the slave (a line at a time: it is in canonical mode) until {@code text} shows. */
    private static boolean readsFrom(int slave, String text) {
        StringBuilder seen = new StringBuilder();
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (seen.indexOf(text) < 0 && System.nanoTime() < deadline) {
            if (ProcessCalls.awaitReadable(slave, Duration.ofMillis(200))) {
                seen.append(new String(FdCalls.read(slave, 4096), StandardCharsets.UTF_8));
            }
        }
        return seen.indexOf(text) >= 0;
    }
}
