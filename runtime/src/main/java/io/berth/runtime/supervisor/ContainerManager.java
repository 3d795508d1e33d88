package io.berth.runtime.supervisor;

import io.berth.runtime.ContainerId;
import io.berth.runtime.ContainerInfo;
import io.berth.runtime.ContainerSpec;
import io.berth.runtime.ContainerState;
import io.berth.runtime.RuntimeOperationException;
import io.berth.runtime.RuntimeOperationException.Kind;
import io.berth.runtime.container.ContainerLauncher;
import io.berth.runtime.launch.ImageAccess;
import io.berth.runtime.launch.NetworkAccess;
import io.berth.runtime.launch.VolumeAccess;
import io.berth.runtime.logs.LogPump;
import io.berth.runtime.logs.SupervisorLog;
import io.berth.runtime.state.ContainerRecord;
import io.berth.runtime.state.ContainerStore;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The containers of one state root, as the supervisor keeps them: the in-memory records are the
 * truth while it runs, every change is written to state.json before it is visible, and each
 * container's changes are serialised by its own lock. Exits arrive from the {@link Reaper} and
 * are handled on the exits threads, restarts on the single events thread. Create, start and exit
 * handling are in {@link ContainerCreator}, {@link ContainerStarter} and {@link ExitHandler}; the
 * records, the locks and the services they share are here.
 */
final class ContainerManager {
    private final ContainerStore store;
    private final ContainerLauncher launcher;
    private final NetworkAccess networks;
    private final VolumeAccess volumes;
    private final LogPump logPump;
    private final ScheduledExecutorService events;
    private final Reaper reaper;
    private HealthChecker health;
    private final Map<ContainerId, ContainerRecord> records = new ConcurrentHashMap<>();
    private final Map<ContainerId, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final Object changed = new Object();
    private final ContainerEventLog eventLog = new ContainerEventLog();
    private final NameRefresher names;
    private final StdioRelays stdio;
    private final ContainerCreator creator;
    private final ContainerStarter starter;
    private final ExitHandler exitHandler;
    /**
     * Exits are handled a few at a time, each under its container's lock: one at a time, `down` of 20
     * containers waited for 20 unmounts, cgroup removals and network detaches in a row (~1.2 s).
     */
    private final ExecutorService exits = Executors.newFixedThreadPool(4,
            runnable -> {
                Thread thread = new Thread(null, runnable, "exits", 256 * 1024);
                thread.setDaemon(true);
                return thread;
            });
    /** A refresh of the hosts files is queued and has not begun: the changes since are in it too. */
    private final AtomicBoolean refreshQueued = new AtomicBoolean();

    ContainerManager(ContainerStore store, ContainerLauncher launcher, ImageAccess images,
                     NetworkAccess networks, VolumeAccess volumes, LogPump logPump,
                     ScheduledExecutorService events) {
        this.store = store;
        this.launcher = launcher;
        this.networks = networks;
        this.volumes = volumes;
        this.logPump = logPump;
        this.events = events;
        this.reaper = new Reaper(exit -> exits.execute(() -> handleExit(exit)));
        this.names = new NameRefresher(records::values, networks);
        this.stdio = new StdioRelays(store.layout());
        this.creator = new ContainerCreator(this, images);
        this.starter = new ContainerStarter(this);
        this.exitHandler = new ExitHandler(this);
    }

    void healthChecker(HealthChecker checker) {
        this.health = checker;
    }

    HealthChecker health() {
        return health;
    }

    Reaper reaper() {
        return reaper;
    }

    int running() {
        return (int) records.values().stream().filter(r -> r.state() == ContainerState.RUNNING).count();
    }

    // ---- create, start, exits: each in its own class, under the locks kept here ------------
    ContainerInfo create(ContainerSpec spec) {
        return creator.create(spec);
    }

    void releaseVolumes(ContainerId id, List<String> names) {
        for (String name : names) {
            quietly("release volume " + name, () -> volumes.release(name, id));
        }
    }

    void start(ContainerId id) {
        withLock(id, () -> {
            ContainerRecord record = require(id);
            if (record.state() == ContainerState.RUNNING) {
                return; // already running: Docker treats this as done
            }
            if (record.state() == ContainerState.PAUSED) {
                throw new RuntimeOperationException(Kind.CONFLICT, "cannot start the paused container " + record.name()
                        + "; unpause it instead");
            }
            starter.launch(record, false);
        });
    }

    /** Under the container's lock: the start a restart policy (or recovery) asked for. */
    void startAfterBackoff(ContainerRecord record) {
        starter.launch(record, true);
    }

    /** After an exit or removal, off the caller's thread. */
    void refreshNamesLater() {
        if (refreshQueued.compareAndSet(false, true)) {
            events.execute(() -> {
                refreshQueued.set(false); // before reading the records: a later change queues again
                names.refresh();
            });
        }
    }

    void handleExit(Reaper.Exit exit) {
        exitHandler.handleExit(exit);
    }

    // ---- queries ------------------------------------------------------------------------
    Optional<ContainerInfo> inspect(ContainerId id) {
        return Optional.ofNullable(records.get(id)).map(ContainerRecord::toInfo);
    }

    Optional<ContainerInfo> findByName(String name) {
        String plain = name.startsWith("/") ? name.substring(1) : name;
        return records.values().stream().filter(r -> r.name().equals(plain)).findFirst()
                .map(ContainerRecord::toInfo);
    }

    List<ContainerInfo> list(Map<String, String> labelFilter) {
        return records.values().stream()
                .filter(r -> r.spec().labels().entrySet().containsAll(labelFilter.entrySet()))
                .sorted(Comparator.comparing(ContainerRecord::createdAt).thenComparing(ContainerRecord::name))
                .map(ContainerRecord::toInfo).toList();
    }

    /** Waits while the container is RUNNING; empty when it does not exist (any more). */
    Optional<ContainerInfo> waitForExit(ContainerId id, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (changed) {
            while (true) {
                ContainerRecord record = records.get(id);
                long left = deadline - System.nanoTime();
                if (record == null || !isUp(record) || left <= 0) {
                    return Optional.ofNullable(record).map(ContainerRecord::toInfo);
                }
                try {
                    changed.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Optional.of(record.toInfo());
                }
            }
        }
    }

    // ---- shared helpers -----------------------------------------------------------------
    /** Running or paused: its processes exist (a paused container is frozen, not dead). */
    static boolean isUp(ContainerRecord record) {
        return record.state() == ContainerState.RUNNING || record.state() == ContainerState.PAUSED;
    }

    ContainerRecord require(ContainerId id) {
        ContainerRecord record = records.get(id);
        if (record == null) {
            throw new RuntimeOperationException(Kind.NOT_FOUND, "no such container: " + id.shortId());
        }
        return record;
    }

    Map<ContainerId, ContainerRecord> records() {
        return records;
    }

    /** Makes a change visible (after it was saved) and records the events it means. */
    void publish(ContainerRecord record) {
        ContainerRecord before = records.put(record.id(), record);
        eventLog.changed(before, record);
        synchronized (changed) {
            changed.notifyAll();
        }
    }

    /** A record found on disk at recovery: no event (it was created by an earlier supervisor). */
    void load(ContainerRecord record) {
        records.put(record.id(), record);
    }

    ContainerEventLog eventLog() {
        return eventLog;
    }

    void forget(ContainerId id) {
        ContainerRecord removed = records.remove(id);
        if (removed != null) {
            eventLog.add("destroy", removed, Map.of());
        }
        locks.remove(id);
        synchronized (changed) {
            changed.notifyAll();
        }
    }

    void withLock(ContainerId id, Runnable action) {
        ReentrantLock lock = locks.computeIfAbsent(id, key -> new ReentrantLock());
        lock.lock();
        try {
            action.run();
        } finally {
            lock.unlock();
        }
    }

    ContainerStore store() {
        return store;
    }

    ContainerLauncher launcher() {
        return launcher;
    }

    NetworkAccess networks() {
        return networks;
    }

    VolumeAccess volumes() {
        return volumes;
    }

    StdioRelays stdio() {
        return stdio;
    }

    LogPump logPump() {
        return logPump;
    }

    ScheduledExecutorService events() {
        return events;
    }

    NameRefresher names() {
        return names;
    }

    static void quietly(String what, Runnable action) {
        SupervisorLog.quietly(what, action);
    }

    static void log(String message) {
        SupervisorLog.log(message);
    }

    void onEach(Consumer<ContainerRecord> action) {
        records.values().forEach(action);
    }
}
