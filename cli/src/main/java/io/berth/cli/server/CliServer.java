package io.berth.cli.server;

import io.berth.model.GoDuration;
import io.berth.runtime.RuntimeConfig;
import io.berth.runtime.UnixChannels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The warm CLI server (docs/cli-server.md): a long-lived JVM that runs short berth commands for
 * berth-client, so that they skip a JVM start. One per run root ({@link ServerLock}); it listens
 * on {@code <run root>/cli.sock} (mode 0600, peers of its own uid only), runs each request on its
 * own thread, and exits after {@code BERTH_SERVER_IDLE} without requests or when its jars change.
 */
public final class CliServer {
    static final Duration DEFAULT_IDLE = Duration.ofMinutes(10);
    private static final Duration COLLECT_AFTER = Duration.ofSeconds(30);
    private final Path socket;
    private final ServerLock lock;
    private final BuildStamp stamp;
    private final Duration idle;
    private final AtomicInteger active = new AtomicInteger();
    private volatile Instant lastActivity = Instant.now();
    private volatile boolean steppingAside;
    private boolean collected; // the accept loop's own

    private CliServer(Path socket, ServerLock lock, BuildStamp stamp, Duration idle) {
        this.socket = socket;
        this.lock = lock;
        this.stamp = stamp;
        this.idle = idle;
    }

    public static void main(String[] args) throws IOException {
        io.berth.runtime.LongLivedProcess.fixUmask(); // not its starter's; the launcher fixed the environment
        RuntimeConfig config = RuntimeConfig.fromEnvironment(System.getenv());
        Path runRoot = config.runRoot().toAbsolutePath();
        io.berth.runtime.LongLivedProcess.privateDirectory(runRoot);
        Path socket = runRoot.resolve("cli.sock");
        ServerLock lock = ServerLock.acquire(runRoot.resolve("cli-server.lock"), socket);
        if (lock == null) {
            return; // another server answers for this run root
        }
        BuildStamp stamp = currentBuild();
        CliServer server = new CliServer(socket, lock, stamp, idleOf(System.getenv("BERTH_SERVER_IDLE")));
        Files.deleteIfExists(socket); // a stale one of a server that died: we hold the lock
        // what tests and the benchmark stop it by (the lock says whether it still runs)
        writePidFile(runRoot.resolve("cli-server.pid"));
        int listening = UnixChannels.listen(socket, 0600);
        RoutingStreams.install();
        Runtime.getRuntime().addShutdownHook(new Thread(server::removeSocket, "berth-cli-server-exit")); // SIGTERM
        server.log("serving " + socket + " (pid " + ProcessHandle.current().pid() + ")");
        // clients that come meanwhile wait in the listen backlog rather than taking the JVM path
        WarmUp.run();
        server.serve(listening);
        System.exit(0);
    }

    /** BERTH_SERVER_IDLE: seconds, or a Go duration ("500ms", "30s", "5m", "1h30m"); else the default. */
    static Duration idleOf(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_IDLE;
        }
        String text = value.trim();
        try {
            return text.chars().allMatch(Character::isDigit) ? Duration.ofSeconds(Long.parseLong(text))
                    : GoDuration.parse(text);
        } catch (IllegalArgumentException e) { // NumberFormatException included
            return DEFAULT_IDLE;
        }
    }

    private void serve(int listening) {
        while (true) {
            boolean ready = !UnixChannels.pollReadable(new int[] {listening}, 200).isEmpty();
            if (ready) {
                Connection connection = new Connection(UnixChannels.accept(listening));
                active.incrementAndGet();
                lastActivity = Instant.now();
                collected = false;
                Thread handler = new Thread(() -> {
                    try {
                        new RequestHandler(this, connection).run();
                    } finally {
                        lastActivity = Instant.now();
                        active.decrementAndGet();
                    }
                }, "berth-request");
                handler.start();
            } else if (steppingAside) {
                break;
            } else if (active.get() == 0 && Instant.now().isAfter(lastActivity.plus(idle))) {
                stepAside("idle for " + idle);
            } else if (active.get() == 0 && !collected && Instant.now().isAfter(lastActivity.plus(COLLECT_AFTER))) {
                // a quiet spell: one full collection gives the heap back (MaxHeapFreeRatio) until the next burst
                collected = true;
                System.gc();
            }
        }
        UnixChannels.closeQuietly(listening);
        while (active.get() > 0) {
            sleep(20);
        }
        log("exiting");
    }

    /** Stops taking requests: the socket goes (new clients take the JVM path) and the lock with it. */
    synchronized void stepAside(String why) {
        if (steppingAside) {
            return;
        }
        log("stepping aside: " + why);
        removeSocket();
        steppingAside = true;
        lock.release(); // the next server may start while we finish the requests in flight
    }

    /** Removes the socket, unless this server stepped aside (the lock is then free: it may be the next one's). */
    private synchronized void removeSocket() {
        if (!steppingAside) {
            try {
                Files.deleteIfExists(socket);
            } catch (IOException e) {
                log("cannot remove " + socket + ": " + e.getMessage());
            }
        }
    }

    /** Written whole or not at all (a temp file renamed over it): a reader never sees it half-written. */
    private static void writePidFile(Path pidFile) throws IOException {
        Path temp = pidFile.resolveSibling(pidFile.getFileName() + ".tmp-" + ProcessHandle.current().pid());
        Files.writeString(temp, ProcessHandle.current().pid() + "\n");
        Files.move(temp, pidFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Stops the CLI server of a run root, if one runs, and waits for it to exit: for tests and the
     * benchmark, which must leave no process behind. The pid is trusted only while the lock is held.
     */
    public static void stop(Path runRoot) throws IOException {
        Path pidFile = runRoot.resolve("cli-server.pid");
        if (!Files.exists(pidFile) || ServerLock.isFree(runRoot.resolve("cli-server.lock"))) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readString(pidFile).trim());
        } catch (NumberFormatException unreadable) {
            return; // not written by a server of this build (it renames its pid file into place)
        }
        ProcessHandle.of(pid).ifPresent(process -> {
            process.destroy();
            try {
                process.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                process.destroyForcibly();
            }
        });
    }

    boolean steppingAside() {
        return steppingAside;
    }

    boolean buildChanged() {
        return !stamp.equals(currentBuild());
    }

    private static BuildStamp currentBuild() {
        String home = System.getProperty("berth.home");
        return BuildStamp.of(System.getProperty("java.class.path"),
                home == null ? null : Path.of(home, "cli", "target", "berth-client"));
    }

    /**
     * Whether the client came through this server's launcher (BERTH_LAUNCHER, set by ./berth): a
     * client of another checkout sharing the run root must run its own code, not this build's.
     */
    boolean isOwnLauncher(java.util.Map<String, String> clientEnvironment) {
        String home = System.getProperty("berth.home");
        String launcher = clientEnvironment.get("BERTH_LAUNCHER");
        return home == null || (launcher != null && Path.of(launcher).getParent().equals(Path.of(home)));
    }

    /**
     * Variables that code of the runtime reads from the process's own environment, not the
     * invocation's: the subnet pool of networks made on the CLI's side, the supervisor's JVM flags
     * when a command starts it, and tracing. A client whose values differ from this server's is
     * not served (the JVM path honours them), so the server never silently applies its starter's.
     * The registry settings (DOCKER_CONFIG, BERTH_CERTS_D, BERTH_INSECURE_REGISTRIES) are not among
     * them: every command hands its caller's down to its pulls and builds explicitly.
     */
    private static final java.util.List<String> PROCESS_WIDE = java.util.List.of("BERTH_SUBNET_POOL",
            "BERTH_SUPERVISOR_JAVA_OPTS", "BERTH_TRACE");

    boolean sharesProcessWideSettings(java.util.Map<String, String> clientEnvironment) {
        for (String name : PROCESS_WIDE) {
            if (!java.util.Objects.equals(clientEnvironment.get(name), System.getenv(name))) {
                return false;
            }
        }
        return true;
    }


    void log(String message) {
        System.err.println(Instant.now() + " berth cli server: " + message); // no invocation here: the log
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
