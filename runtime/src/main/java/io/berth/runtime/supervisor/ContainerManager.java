package io.berth.runtime.supervisor;

import io.berth.runtime.ContainerId;
import io.berth.runtime.ContainerInfo;
import io.berth.runtime.ContainerSpec;
import io.berth.runtime.ContainerState;
import io.berth.runtime.ImageInfo;
import io.berth.runtime.RuntimeOperationException;
import io.berth.runtime.RuntimeOperationException.Kind;
import io.berth.runtime.container.ContainerStdio;
import io.berth.runtime.container.ContainerLauncher;
import io.berth.runtime.container.LaunchRequest;
import io.berth.runtime.launch.ContainerIdNames;
import io.berth.runtime.launch.ContainerMounts;
import io.berth.runtime.launch.ImageAccess;
import io.berth.runtime.launch.LaunchPlanner;
import io.berth.runtime.launch.LinkVariables;
import io.berth.runtime.launch.NetworkAccess;
import io.berth.runtime.launch.VolumeAccess;
import io.berth.runtime.launch.VolumeCopyUp;
import io.berth.runtime.logs.LogPump;
import io.berth.runtime.logs.SupervisorLog;
import io.berth.runtime.state.ContainerRecord;
import io.berth.runtime.state.ContainerStore;
import io.berth.runtime.state.StateTransitions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The containers of one state root, as the supervisor keeps them: the in-memory records are the
 * truth while it runs, every change is written to state.json before it is visible, and each
 * container's changes are serialised by its own lock. Exits arrive from the {@link Reaper} and
 * are handled on the single events thread, as are restarts.
 */
final class ContainerManager {
    private final ContainerStore store;
    private final ContainerLauncher launcher;
    private final ImageAccess images;
    private final NetworkAccess networks;
    private final VolumeAccess volumes;
    private final LogPump logPump;
    private final ScheduledExecutorService events;
    private final Reaper reaper;
    private HealthChecker health;
    private final Map<ContainerId, ContainerRecord> records = new ConcurrentHashMap<>();
    private final Map<ContainerId, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final Object createLock = new Object();
    /** Names of creates under way (guarded by createLock): taken, though not in records yet. */
    private final java.util.Set<String> namesBeingCreated = new java.util.HashSet<>();
    private final Object changed = new Object();
    private final ContainerEventLog eventLog = new ContainerEventLog();
    private final NameRefresher names;
    private final StdioRelays stdio;
    /**
     * Exits are handled a few at a time, each under its container's lock: one at a time, `down` of 20
     * containers waited for 20 unmounts, cgroup removals and network detaches in a row (~1.2 s).
     */
    private final java.util.concurrent.ExecutorService exits = java.util.concurrent.Executors.newFixedThreadPool(4,
            runnable -> {
                Thread thread = new Thread(null, runnable, "exits", 256 * 1024);
                thread.setDaemon(true);
                return thread;
            });
    /** A refresh of the hosts files is queued and has not begun: the changes since are in it too. */
    private final java.util.concurrent.atomic.AtomicBoolean refreshQueued = new java.util.concurrent.atomic.AtomicBoolean();

    ContainerManager(ContainerStore store, ContainerLauncher launcher, ImageAccess images,
                     NetworkAccess networks, VolumeAccess volumes, LogPump logPump,
                     ScheduledExecutorService events) {
        this.store = store;
        this.launcher = launcher;
        this.images = images;
        this.networks = networks;
        this.volumes = volumes;
        this.logPump = logPump;
        this.events = events;
        this.reaper = new Reaper(exit -> exits.execute(() -> handleExit(exit)));
        this.names = new NameRefresher(records::values, networks);
        this.stdio = new StdioRelays(store.layout());
    }

    void healthChecker(HealthChecker checker) {
        this.health = checker;
    }

    HealthChecker health() {
        return health;
    }

    /** A health status from the checker; written only when it changed and the PID is the same. */
    void updateHealth(ContainerId id, long pid, String status) {
        withLock(id, () -> {
            ContainerRecord record = records.get(id);
            if (record == null || record.pid() != pid || record.state() != ContainerState.RUNNING
                    || java.util.Objects.equals(record.health(), status)) {
                return;
            }
            ContainerRecord updated = record.toBuilder().health(status).build();
            store.save(updated);
            publish(updated);
        });
    }

    Reaper reaper() {
        return reaper;
    }

    int running() {
        return (int) records.values().stream().filter(r -> r.state() == ContainerState.RUNNING).count();
    }

    // ---- create -------------------------------------------------------------------------
    ContainerInfo create(ContainerSpec spec) {
        ContainerId id = ContainerId.random();
        String name = ContainerIdNames.nameFor(spec.name(), id);
        ImageInfo image = images.resolve(spec.image());
        List<Path> layers = images.layerDirs(image.id());
        ContainerSpec expanded = spec.withMounts(ContainerMounts.expandVolumesFrom(name, spec.mounts(), records.values()));
        LaunchPlanner.Plan plan = LaunchPlanner.plan(id, expanded, image, layers, store.layout(), volumes);
        try {
            return createRecord(id, name, plan.spec(), image, plan);
        } catch (RuntimeException e) {
            releaseVolumes(id, plan.volumeNames());
            removeUnrecordedDirectory(id);
            throw e;
        }
    }

    /**
     * A create that failed before its record was written (ENOSPC writing state.json) leaves no
     * directory: nothing would ever list it, so no {@code down -v} would remove it.
     */
    private void removeUnrecordedDirectory(ContainerId id) {
        Path dir = store.layout().dir(id);
        if (Files.exists(store.layout().stateFile(id)) || !Files.isDirectory(dir)) {
            return;
        }
        try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | java.io.UncheckedIOException cleanup) {
            log("remove " + dir + " of a failed create: " + cleanup.getMessage());
        }
    }

    /**
     * The name is reserved under the lock, the record written (fsync: 5-10 ms) outside it, so
     * that the creates of {@code up --scale} do not queue behind each other's disk writes.
     */
    private ContainerInfo createRecord(ContainerId id, String name, ContainerSpec spec, ImageInfo image,
                                       LaunchPlanner.Plan plan) {
        synchronized (createLock) {
            for (ContainerRecord other : records.values()) {
                if (other.name().equals(name)) {
                    throw new RuntimeOperationException(Kind.CONFLICT, "create container " + name
                            + ": the name is already in use by container " + other.id().shortId());
                }
            }
            if (!namesBeingCreated.add(name)) {
                throw new RuntimeOperationException(Kind.CONFLICT, "create container " + name
                        + ": another container of that name is being created");
            }
        }
        try {
            try {
                // 0700: state (environment values), logs, upper and rootfs are for Berth's user only
                io.berth.runtime.linux.PrivateFiles.directory(store.layout().dir(id));
                for (Path dir : List.of(store.layout().upperDir(id), store.layout().workDir(id),
                        store.layout().rootfs(id))) {
                    Files.createDirectories(dir);
                }
            } catch (IOException e) {
                throw new RuntimeOperationException(Kind.FAILED, "create container " + name + ": "
                        + e.getMessage(), e);
            }
            ContainerRecord record = new ContainerRecord(ContainerRecord.CURRENT_VERSION, id, name, spec,
                    image, ContainerState.CREATED, plan.request(), false, 0, 0, null, null, false, false,
                    Instant.now(), null, null, 0, false, null, Map.of(), List.of(), plan.volumeNames(), null);
            store.save(record);
            publish(record);
            return record.toInfo();
        } finally {
            synchronized (createLock) {
                namesBeingCreated.remove(name);
            }
        }
    }

    void releaseVolumes(ContainerId id, List<String> names) {
        for (String name : names) {
            quietly("release volume " + name, () -> volumes.release(name, id));
        }
    }

    // ---- start --------------------------------------------------------------------------
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
            launch(record, false);
        });
    }

    /** Under the container's lock. */
    private void launch(ContainerRecord record, boolean isRestart) {
        StateTransitions.check(record.name(), record.state(), ContainerState.RUNNING);
        ContainerRecord starting = record.toBuilder().starting(true).error(null).build();
        store.save(starting);
        publish(starting);
        NetworkAccess.Attached attached = null;
        try {
            long began = System.nanoTime();
            NetworkAccess.Deferred network = networks.attachDeferred(record.id(), record.name(), record.spec(),
                    sharedNetworkOf(record));
            attached = network.attached();
            String hostname = sharedHostname(record);
            LaunchRequest request = withNetwork(record.launch(), attached, withHostname(LinkVariables.apply(
                    record.launch().env(), record.name(), record.spec(), attached.addresses(), records.values()),
                    hostname), hostname, namespaceOf(record, "ipc"), namespaceOf(record, "pid"));
            long attachedAt = System.nanoTime();
            refreshNamesWith(starting.toBuilder().network(attached.addresses(), attached.ports()).build());
            VolumeCopyUp.beforeStart(record, launcher, volumes);
            long networked = System.nanoTime();
            long[] connectNanos = new long[1];
            List<io.berth.runtime.PortBinding> ports = new java.util.ArrayList<>(attached.ports());
            ContainerStdio stdioMode = ContainerStdio.of(record.spec().tty(), record.spec().stdinOpen());
            Integer oomScoreAdj = record.spec().options().oomScoreAdj();
            var process = launcher.launch(request, stdioMode, stdio.requestedSize(record.id()), pid -> {
                if (oomScoreAdj != null) {
                    // before the command's execve: it and every process it makes inherit the score
                    try {
                        java.nio.file.Files.writeString(java.nio.file.Path.of("/proc/" + pid + "/oom_score_adj"),
                                oomScoreAdj.toString());
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException("oom_score_adj " + oomScoreAdj + ": " + e.getMessage(), e);
                    }
                }
                long connecting = System.nanoTime();
                List<io.berth.runtime.PortBinding> published = network.connect().connect(pid);
                ports.clear();
                ports.addAll(published);
                connectNanos[0] = System.nanoTime() - connecting;
            });
            stdio.started(record.id(), stdioMode, process.stdioFd());
            long launched = System.nanoTime();
            attached = new NetworkAccess.Attached(attached.netns(), attached.addresses(), List.copyOf(ports),
                    attached.extraMounts());
            // the record keeps the request made at create: each start adds network, name files and
            // link variables afresh
            ContainerRecord running = starting.toBuilder().state(ContainerState.RUNNING).starting(false)
                    .process(process.pid(), process.startTime(), process.cgroup())
                    .startedAt(Instant.now()).stoppedByUser(false)
                    .restartCount(isRestart ? record.restartCount() + 1 : record.restartCount())
                    .network(attached.addresses(), attached.ports())
                    .health(HealthChecker.initialStatus(record)).build();
            store.save(running);
            publish(running);
            // logged only now: a supervisor killed before the PID is saved leaves the process unrecorded
            log("started " + record.name() + " (PID " + process.pid() + "): network "
                    + (attachedAt - began) / 1_000_000 + " ms before the launch, "
                    + connectNanos[0] / 1_000_000 + " ms during it, hosts files and copy-up "
                    + (networked - attachedAt) / 1_000_000 + " ms, launch "
                    + (launched - networked) / 1_000_000
                    + " ms" + (launcher instanceof io.berth.runtime.container.KernelContainerLauncher
                    ? " (" + io.berth.runtime.container.KernelContainerLauncher.lastLaunchPhases() + ")" : ""));
            names.startEnded(record.id(), false);
            logPump.register(record.id(), record.spec().options().logging());
            reaper.watch(record.id(), process.pid());
            health.watch(running);
        } catch (RuntimeException e) {
            if (attached != null) {
                quietly("detach networks of " + record.name(),
                        () -> networks.detach(record.id(), record.name(), record.spec()));
            }
            ContainerState after = isRestart ? ContainerState.EXITED : starting.state();
            Kind kind = e instanceof RuntimeOperationException roe ? roe.kind() : Kind.FAILED;
            ContainerRecord.Builder failedBuilder = starting.toBuilder().state(after).starting(false).error(e.getMessage());
            // a command that cannot run: the container's exit code is Docker's 127 or 126 (ps, inspect, wait)
            kind.commandExitCode().ifPresent(code -> failedBuilder.exit(code, false, false, Instant.now()));
            ContainerRecord failed = failedBuilder.build();
            store.save(failed);
            publish(failed);
            names.startEnded(record.id(), true);
            String why = String.valueOf(e.getMessage()).replaceFirst("^start container [0-9a-f]{12}: ", "");
            throw new RuntimeOperationException(kind, "start container " + record.name() + ": " + why, e);
        }
    }

    /** Peers see a starting container in their /etc/hosts before its process runs, and it sees them. */
    private void refreshNamesWith(ContainerRecord startingRecord) {
        names.refreshWithStarting(startingRecord);
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

    /** For network_mode container:x, the running container x whose namespace this one joins. */
    private ContainerId sharedNetworkOf(ContainerRecord record) {
        if (!(record.spec().networkMode() instanceof io.berth.runtime.NetworkMode.Container mode)) {
            return null;
        }
        ContainerRecord target = records.values().stream()
                .filter(r -> r.name().equals(mode.containerName()) || r.id().value().equals(mode.containerName()))
                .findFirst().orElseThrow(() -> new RuntimeOperationException(Kind.NOT_FOUND,
                        "network mode container:" + mode.containerName() + ": no such container"));
        if (target.state() != ContainerState.RUNNING) {
            throw new RuntimeOperationException(Kind.CONFLICT, "network mode container:" + mode.containerName()
                    + ": that container is not running");
        }
        return target.id();
    }

    /** Under the container's lock: the start a restart policy (or recovery) asked for. */
    void startAfterBackoff(ContainerRecord record) {
        launch(record, true);
    }

    /**
     * As Docker: a container in another's network namespace (network_mode service:x or
     * container:x) without a hostname of its own takes that container's; null otherwise.
     */
    private String sharedHostname(ContainerRecord record) {
        if (!(record.spec().networkMode() instanceof io.berth.runtime.NetworkMode.Container mode)
                || (record.spec().hostname() != null && !record.spec().hostname().isBlank())) {
            return null;
        }
        return records.values().stream()
                .filter(r -> r.name().equals(mode.containerName()) || r.id().value().equals(mode.containerName()))
                .findFirst().map(r -> r.launch().hostname()).orElse(null);
    }

    private static List<String> withHostname(List<String> env, String hostname) {
        return hostname == null ? env : env.stream()
                .map(entry -> entry.startsWith("HOSTNAME=") ? "HOSTNAME=" + hostname : entry).toList();
    }

    /**
     * {@code ipc:} host: the supervisor's (the host's) namespace; container:x (service:x, resolved by
     * the engine): the running container x's; private, shareable or unset: null (a new one).
     */
    private Path namespaceOf(ContainerRecord record, String kind) {
        String mode = kind.equals("ipc") ? record.spec().ipcMode() : record.spec().pidMode();
        if ("host".equals(mode)) {
            return kind.equals("ipc") ? LaunchRequest.HOST_IPC : LaunchRequest.HOST_PID;
        }
        if (mode == null || !mode.startsWith("container:")) {
            return null;
        }
        String other = mode.substring("container:".length());
        ContainerRecord target = records.values().stream()
                .filter(r -> r.name().equals(other) || r.id().value().equals(other)).findFirst()
                .orElseThrow(() -> new RuntimeOperationException(Kind.NOT_FOUND, kind + " container:" + other
                        + ": no such container"));
        if (target.state() != ContainerState.RUNNING) {
            throw new RuntimeOperationException(Kind.CONFLICT, kind + " container:" + other + ": that container is not running");
        }
        return Path.of("/proc/" + target.pid() + "/ns/" + kind);
    }

    private static LaunchRequest withNetwork(LaunchRequest base, NetworkAccess.Attached attached, List<String> env,
                                             String hostname, Path ipcNamespace, Path pidNamespace) {
        List<LaunchRequest.Mount> mounts = new java.util.ArrayList<>(attached.extraMounts());
        mounts.addAll(base.mounts());
        return new LaunchRequest(base.id(), base.lowerDirs(), base.upperDir(), base.workDir(), base.rootfs(),
                base.argv(), env, base.workingDir(), base.uid(), base.gid(), base.supplementaryGids(),
                hostname != null ? hostname : base.hostname(), base.domainname(), attached.netns(),
                base.shareNetnsOf(), base.stdout(),
                base.stderr(), base.stdinPath(), List.copyOf(mounts), base.capabilities(),
                base.noNewPrivileges(), base.readOnlyRootfs(), base.sysctls(), base.rlimits(),
                base.shmSizeBytes(), base.limits(), base.init(), ipcNamespace, pidNamespace, base.seccomp());
    }

    // ---- exits and restarts -------------------------------------------------------------
    /** On the events thread. A stale exit (another PID by now) is ignored. */
    void handleExit(Reaper.Exit exit) {
        withLock(exit.id(), () -> {
            ContainerRecord record = records.get(exit.id());
            if (record == null || record.pid() != exit.pid() || !isUp(record)) {
                return;
            }
            // each step on its own: one that fails must not keep the exit from being recorded (the
            // container would show Running forever, and wait would never return)
            quietly("release the terminal or stdin of " + record.name(), () -> stdio.exited(record.id()));
            quietly("pump the last logs of " + record.name(), () -> logPump.finish(record.id()));
            quietly("stop the healthcheck of " + record.name(), () -> health.forget(record.id()));
            boolean oom = oomKilled(record);
            // make sure nothing of it is left (a PID 1 outside a PID namespace may leave children)
            quietly("kill what is left of " + record.name(), () -> CgroupProcesses.killAll(record.cgroup(), 0));
            quietly("clean up container " + record.name(), () -> launcher.cleanup(record.launch()));
            quietly("detach networks of " + record.name(),
                    () -> networks.detach(record.id(), record.name(), record.spec()));
            Instant now = Instant.now();
            boolean restart = RestartDecision.shouldRestart(record.spec().restartPolicy(), exit.exitCode(),
                    record.stoppedByUser(), record.restartCount());
            ContainerRecord exited = record.toBuilder()
                    .state(restart ? ContainerState.RESTARTING : ContainerState.EXITED)
                    .exit(exit.exitCode(), exit.exitCode() == null, oom, now).build();
            store.save(exited);
            publish(exited);
            refreshNamesLater();
            if (restart) {
                Duration ran = record.startedAt() == null ? null : Duration.between(record.startedAt(), now);
                scheduleRestart(record.id(), RestartDecision.delay(record.restartCount(), ran));
            }
        });
    }

    /** From the launcher's cgroup code when it is the kernel's (v1 or v2), else from the cgroup files. */
    private boolean oomKilled(ContainerRecord record) {
        if (launcher instanceof io.berth.runtime.container.KernelContainerLauncher kernel) {
            try {
                return kernel.cgroups().oomKills(kernel.cgroupOf(record.id())) > 0;
            } catch (RuntimeException e) {
                log("read the OOM count of " + record.name() + ": " + e.getMessage());
            }
        }
        return CgroupProcesses.oomKilled(record.cgroup());
    }

    private void scheduleRestart(ContainerId id, Duration delay) {
        events.schedule(() -> withLock(id, () -> {
            ContainerRecord record = records.get(id);
            if (record == null || record.state() != ContainerState.RESTARTING || record.stoppedByUser()) {
                return;
            }
            try {
                launch(record, true);
            } catch (RuntimeOperationException e) {
                System.err.println("supervisor: restart of " + record.name() + " failed: " + e.getMessage());
            }
        }), delay.toMillis(), TimeUnit.MILLISECONDS);
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
