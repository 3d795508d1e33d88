package io.berth.runtime.supervisor;

import io.berth.runtime.ContainerId;
import io.berth.runtime.client.AttachFrames;
import io.berth.runtime.container.ContainerStdio;
import io.berth.runtime.linux.ErrnoNames;
import io.berth.runtime.linux.FdCalls;
import io.berth.runtime.linux.LinuxException;
import io.berth.runtime.linux.ProcessCalls;
import io.berth.runtime.linux.Terminals;
import io.berth.runtime.state.ContainerLayout;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The supervisor's end of containers' stdio beyond files: the pty master of a container with a
 * terminal (read by a thread of its own into the raw stdout file, where the log pump finds it, and
 * to every attached client) and the write end of a stdin pipe; attached clients' input goes there
 * ({@link AttachFrames}). The supervisor holding these is what lets a container outlive the CLI
 * that attached to it (docs/decisions.md).
 */
final class StdioRelays {
    private static final Duration EXIT_DRAIN = Duration.ofSeconds(2);
    /**
     * How long the exit waits for a write to one client before it closes that client's connection
     * under the write: a client that is stopped (Ctrl-Z) or stuck takes no output, and its write
     * would otherwise hold the exit (and the container's lock) for good.
     */
    private static final Duration STUCK_CLIENT = Duration.ofMillis(250);
    private final Map<ContainerId, Relay> relays = new ConcurrentHashMap<>();
    private final ContainerLayout layout;

    StdioRelays(ContainerLayout layout) {
        this.layout = layout;
    }

    /** One container's stdio, kept across its launches so a client may attach before a start. */
    private static final class Relay {
        final Set<Listener> listeners = ConcurrentHashMap.newKeySet();
        final AtomicInteger fd = new AtomicInteger(-1);
        volatile ContainerStdio stdio = ContainerStdio.FILES;
        volatile Thread pump;
        /** The size the last attached client's terminal had: the next launch's pty gets it. */
        volatile Terminals.WindowSize size;
        /** The process that keeps the fd open while no supervisor runs; whether it is our child. */
        volatile StdioHolder holder;
        volatile boolean holderIsOurs;
    }

    /**
     * An attached client: its connection and the lock of writes to it (the reply, then output),
     * a lock that can be waited for with a deadline, unlike a monitor.
     */
    private record Listener(SocketChannel channel, ReentrantLock writing) {
        Listener(SocketChannel channel) {
            this(channel, new ReentrantLock());
        }
    }

    /** The terminal size an attached client asked for, for the container's next launch; or null. */
    Terminals.WindowSize requestedSize(ContainerId id) {
        Relay relay = relays.get(id);
        return relay == null ? null : relay.size;
    }

    /** After a launch: {@code fd} (the launcher's stdioFd) is ours now. */
    void started(ContainerId id, ContainerStdio stdio, int fd) {
        if (fd < 0) {
            return;
        }
        Relay relay = relays.computeIfAbsent(id, key -> new Relay());
        try {
            relay.holder = StdioHolder.start(fd, holderFile(id));
            relay.holderIsOurs = true;
        } catch (IOException | RuntimeException e) {
            ContainerManager.log("container " + id.shortId() + ": its " + stdio
                    + " will not outlive this supervisor: " + e.getMessage());
        }
        relay(relay, id, stdio, fd);
    }

    /** A re-adopted container: its fd taken back from the holder a dead supervisor left, if any. */
    void recover(ContainerId id, ContainerStdio stdio) {
        if (stdio == ContainerStdio.FILES) {
            return;
        }
        StdioHolder.find(holderFile(id)).ifPresentOrElse(holder -> {
            Relay relay = relays.computeIfAbsent(id, key -> new Relay());
            relay.holder = holder;
            relay.holderIsOurs = false;
            try {
                relay(relay, id, stdio, holder.takeBack());
                ContainerManager.log("container " + id.shortId() + ": took its " + stdio + " back from PID "
                        + holder.pid());
            } catch (RuntimeException e) {
                ContainerManager.log("container " + id.shortId() + ": take its " + stdio + " back: " + e.getMessage());
            }
        }, () -> ContainerManager.log("container " + id.shortId() + ": its " + stdio + " was lost with a supervisor"));
    }

    private void relay(Relay relay, ContainerId id, ContainerStdio stdio, int fd) {
        Path rawStdout = layout.rawStdout(id);
        int previous = relay.fd.getAndSet(fd);
        if (relay.stdio != ContainerStdio.TERMINAL) {
            FdCalls.closeQuietly(previous); // a stdin pipe an exit left open (a terminal's pump closes its own)
        }
        relay.stdio = stdio;
        if (stdio == ContainerStdio.TERMINAL) {
            Thread pump = new Thread(() -> pumpTerminal(relay, fd, rawStdout), "terminal-" + id.shortId());
            pump.setDaemon(true);
            relay.pump = pump;
            pump.start();
        }
    }

    /** After the container's exit: its terminal's last output is pumped, attached clients are let go. */
    void exited(ContainerId id) {
        Relay relay = relays.get(id);
        if (relay == null) {
            StdioHolder.find(holderFile(id)).ifPresent(left -> left.stop(holderFile(id), false));
            return;
        }
        Thread pump = relay.pump;
        if (pump != null) {
            // a pump blocked on a client that takes nothing would hold the drain: that client goes first
            relay.listeners.forEach(listener -> closeIfStuck(relay, listener));
            try {
                pump.join(EXIT_DRAIN.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        int fd = relay.fd.getAndSet(-1); // a pump still running sees -1 and stops
        if (relay.stdio != ContainerStdio.TERMINAL) {
            FdCalls.closeQuietly(fd); // a terminal's master is its pump's to close: it may still be reading it
        }
        relay.listeners.forEach(StdioRelays::letGo);
        stopHolder(id, relay);
    }

    private void stopHolder(ContainerId id, Relay relay) {
        StdioHolder holder = relay.holder;
        relay.holder = null;
        if (holder != null) {
            holder.stop(holderFile(id), relay.holderIsOurs);
        }
    }

    private Path holderFile(ContainerId id) {
        return layout.dir(id).resolve(StdioHolder.FILE);
    }

    void forget(ContainerId id) {
        exited(id);
        relays.remove(id);
    }

    /**
     * Serves one attached client: {@code startAndReply} runs (start the container if asked, then
     * the reply) before any output reaches the client; then the client's input frames until it
     * goes away. Output goes to it from the pump, raw; the connection is closed at the container's exit.
     */
    void attach(ContainerId id, SocketChannel channel, Terminals.WindowSize size, Runnable startAndReply)
            throws IOException {
        Listener client = new Listener(channel);
        Relay relay = relays.computeIfAbsent(id, key -> new Relay());
        if (size != null) {
            relay.size = size;
            int fd = relay.fd.get();
            if (relay.stdio == ContainerStdio.TERMINAL && fd >= 0) {
                Terminals.setWindowSize(fd, size);
            }
        }
        client.writing().lock();
        try {
            relay.listeners.add(client);
            try {
                startAndReply.run();
            } catch (RuntimeException e) {
                relay.listeners.remove(client);
                throw e;
            }
        } finally {
            client.writing().unlock();
        }
        try {
            for (AttachFrames.Frame frame; (frame = AttachFrames.read(channel)) != null; ) {
                input(id, relay, frame);
            }
        } finally {
            relay.listeners.remove(client);
        }
    }

    private void input(ContainerId id, Relay relay, AttachFrames.Frame frame) {
        int fd = relay.fd.get();
        if (fd < 0) {
            return;
        }
        try {
            switch (frame.type()) {
                case DATA -> FdCalls.writeAll(fd, frame.payload());
                case END_INPUT -> {
                    if (relay.stdio == ContainerStdio.STDIN_PIPE && relay.fd.compareAndSet(fd, -1)) {
                        FdCalls.closeQuietly(fd);
                        stopHolder(id, relay); // its copy too: then the container reads the end of its stdin
                    }
                }
                case RESIZE -> {
                    if (relay.stdio == ContainerStdio.TERMINAL) {
                        relay.size = AttachFrames.size(frame);
                        Terminals.setWindowSize(fd, relay.size);
                    }
                }
            }
        } catch (LinuxException e) {
            // EPIPE: the container's process no longer reads its stdin; the input is dropped
        }
    }

    private static void pumpTerminal(Relay relay, int master, Path rawStdout) {
        try (FileOutputStream log = new FileOutputStream(rawStdout.toFile(), true)) {
            while (relay.fd.get() == master) {
                if (!ProcessCalls.awaitReadable(master, Duration.ofMillis(500))) {
                    continue;
                }
                byte[] bytes = FdCalls.read(master, 16 * 1024);
                if (bytes.length == 0) {
                    break;
                }
                log.write(bytes);
                for (Listener client : relay.listeners) {
                    send(relay, client, bytes);
                }
            }
        } catch (LinuxException e) {
            if (e.errno() != ErrnoNames.EIO && e.errno() != ErrnoNames.EBADF) {
                ContainerManager.log("terminal output: " + e.getMessage());
            } // EIO: every process holding the terminal is gone
        } catch (IOException e) {
            ContainerManager.log("terminal output to " + rawStdout + ": " + e.getMessage());
        } finally {
            relay.fd.compareAndSet(master, -1);
            FdCalls.closeQuietly(master);
            relay.listeners.forEach(StdioRelays::letGo);
        }
    }

    /**
     * A client that no longer takes output gets none (a stopped one, e.g. Ctrl-Z, holds the output
     * back, as with Docker). Its connection is not closed here: input it sent before it went away may
     * still be unread (a client that types "exit" and closes at once races the shell's next prompt),
     * and closing would throw that input away; the thread reading its input closes it at the end.
     */
    private static void send(Relay relay, Listener client, byte[] bytes) {
        client.writing().lock();
        try {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                client.channel().write(buffer);
            }
        } catch (IOException gone) {
            relay.listeners.remove(client); // closed under the write too (closeIfStuck, letGo)
        } finally {
            client.writing().unlock();
        }
    }

    /**
     * A client whose write does not end within {@link #STUCK_CLIENT} (stopped with Ctrl-Z, or
     * stuck) is closed under it: the blocked write then fails (AsynchronousCloseException) and the
     * pump goes on. Docker likewise lets a stopped client lose the output; it never holds an exit.
     */
    private static void closeIfStuck(Relay relay, Listener client) {
        if (acquire(client, STUCK_CLIENT)) {
            client.writing().unlock();
            return;
        }
        relay.listeners.remove(client);
        closeQuietly(client.channel());
    }

    private static boolean acquire(Listener client, Duration timeout) {
        try {
            return client.writing().tryLock(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Closes a client's connection, after its reply if that is being written: a container that
     * exits at once must not close the connection of the client that started it before it is answered.
     */
    private static void letGo(Listener client) {
        boolean locked = acquire(client, STUCK_CLIENT);
        try {
            closeQuietly(client.channel()); // unlocked: a stuck write must not hold the exit, see closeIfStuck
        } finally {
            if (locked) {
                client.writing().unlock();
            }
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
