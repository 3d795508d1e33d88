package io.berth.runtime.supervisor;

import io.berth.runtime.RuntimeConfig;
import io.berth.runtime.client.SupervisorStarter;
import io.berth.runtime.linux.ProcStat;
import io.berth.runtime.logs.LogOptions;
import io.berth.runtime.logs.LogPump;
import io.berth.runtime.state.AtomicFiles;
import io.berth.runtime.state.ContainerLayout;
import io.berth.runtime.state.ContainerStore;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The supervising host process of one state root: {@code SupervisorMain STATE_ROOT RUN_ROOT}.
 * Started detached by {@link SupervisorStarter}; holds the state root's supervisor lock for its
 * life (one supervisor per root), re-adopts what runs, then serves the Unix socket. Threads: the
 * acceptor (main), one reaper, one log pump, one events thread, and request threads on demand.
 * Containers never depend on it: they outlive it, and a new one picks them up.
 */
public final class SupervisorMain {
    private SupervisorMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: SupervisorMain STATE_ROOT RUN_ROOT");
            System.exit(2);
        }
        io.berth.runtime.linux.HostProcess.fixUmask(); // not its starter's
        RuntimeConfig config = new RuntimeConfig(Path.of(args[0]).toAbsolutePath(), Path.of(args[1]).toAbsolutePath());
        ContainerLayout layout = new ContainerLayout(config);
        // for its own user only, whatever the umask it was started with (docs/security.md)
        io.berth.runtime.linux.PrivateFiles.directory(config.stateRoot());
        io.berth.runtime.linux.PrivateFiles.directory(config.runRoot());
        Files.createDirectories(layout.containersRoot());
        FileChannel lockChannel = FileChannel.open(layout.supervisorLock(), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock = lockChannel.tryLock();
        if (lock == null) {
            ContainerManager.log("another supervisor already serves " + config.stateRoot() + "; exiting");
            System.exit(0);
        }
        long pid = ProcessHandle.current().pid();
        AtomicFiles.write(layout.supervisorPidFile(), (pid + " " + ProcStat.startTime(pid).orElse(0) + "\n")
                .getBytes(StandardCharsets.UTF_8));

        ScheduledExecutorService events = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(null, runnable, "events", 256 * 1024);
            thread.setDaemon(true);
            return thread;
        });
        LogPump logPump = new LogPump(layout, LogOptions.fromSystemProperties(), 200);
        ContainerManager manager = new ContainerManager(new ContainerStore(layout), Components.launcher(config),
                Components.images(config), Components.networks(config), Components.volumes(config), logPump,
                events);
        ContainerStopper stopper = new ContainerStopper(manager);
        ScheduledExecutorService healthPool = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(null, runnable, "health", 256 * 1024);
            thread.setDaemon(true);
            return thread;
        });
        manager.healthChecker(new HealthChecker(manager, Components.healthProbe(manager.launcher()), healthPool));
        startDaemon("reaper", manager.reaper());
        startDaemon("log-pump", logPump);
        Recovery.recover(manager, stopper);
        SupervisorServer server = new SupervisorServer(manager, stopper, layout.supervisorSocket());
        server.bind();
        ContainerManager.log("serving " + config.stateRoot() + " on " + layout.supervisorSocket()
                + " (PID " + pid + ", " + manager.records().size() + " containers)");
        // Idle, the heap is given back: a full collection of a few MiB once after each busy spell
        events.scheduleWithFixedDelay(server::collectIfIdle, 30, 30, java.util.concurrent.TimeUnit.SECONDS);
        server.serve();

        // Shutdown: containers keep running; their logs are pumped on by the next supervisor.
        Files.deleteIfExists(layout.supervisorSocket());
        Files.deleteIfExists(layout.supervisorPidFile());
        manager.reaper().stop();
        logPump.stop();
        events.shutdown();
        lock.release();
        ContainerManager.log("shut down");
        System.exit(0);
    }

    private static void startDaemon(String name, Runnable body) {
        Thread thread = new Thread(null, body, name, 256 * 1024);
        thread.setDaemon(true);
        thread.start();
    }
}
