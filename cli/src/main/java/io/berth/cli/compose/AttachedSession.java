package io.berth.cli.compose;

import io.berth.engine.ComposeLabels;
import io.berth.engine.Lifecycle;
import io.berth.runtime.ContainerInfo;
import io.berth.runtime.ContainerRuntime;
import io.berth.runtime.LogQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;

/**
 * {@code up} in attached mode: follows the services' logs until every container has exited
 * (or one has, with --abort-on-container-exit). The first Ctrl-C stops the services gracefully,
 * the second kills them.
 */
final class AttachedSession {
    private static final Duration POLL = Duration.ofMillis(200);
    /** How long to wait for a stopped container's last log lines before going on. */
    private static final Duration DRAIN_PATIENCE = Duration.ofSeconds(3);
    static final int INTERRUPTED_EXIT = 130;

    private final Lifecycle lifecycle;
    private final ContainerRuntime runtime;
    private final Set<String> services;
    private final LogPrinter logs;
    private final boolean abortOnExit;
    private final String exitCodeFrom;
    private final Duration timeout;
    private final AtomicInteger interrupts = new AtomicInteger();
    private static final Duration RECREATE_GRACE = Duration.ofSeconds(15);
    private boolean followRecreated;
    /** Lines written before this are earlier runs' and are not replayed (up began then). */
    private Instant since = Instant.now().minusSeconds(60);

    AttachedSession(Lifecycle lifecycle, ContainerRuntime runtime, Set<String> services, LogPrinter logs,
                    boolean abortOnExit, String exitCodeFrom, Duration timeout) {
        this.lifecycle = lifecycle;
        this.runtime = runtime;
        this.services = services;
        this.logs = logs;
        this.abortOnExit = abortOnExit;
        this.exitCodeFrom = exitCodeFrom;
        this.timeout = timeout;
    }

    /**
     * up --watch: containers that a rebuild recreates are followed in place of the removed ones, and
     * the session waits {@link #RECREATE_GRACE} for them before it counts the project as stopped.
     */
    AttachedSession followingRecreated(boolean follow) {
        this.followRecreated = follow;
        return this;
    }

    /** Only lines written from this instant on: up passes the time it began, so that earlier runs' lines stay out. */
    AttachedSession since(Instant began) {
        this.since = began;
        return this;
    }

    int run() throws InterruptedException {
        List<ContainerInfo> containers = new java.util.ArrayList<>(lifecycle.containers(services, false));
        System.out.println("Attaching to " + String.join(", ", containers.stream().map(LogPrinter::shortName).toList()));
        logs.prepare(containers).follow(containers, new LogQuery(true, null, since, null));
        // As Docker Compose: SIGTERM too stops the project gracefully (and a second one kills).
        Signal.handle(new Signal("INT"), signal -> onInterrupt());
        Signal.handle(new Signal("TERM"), signal -> onInterrupt());
        Set<String> exited = new HashSet<>();
        Integer exitCode = null;
        long idleSince = 0;
        while (interrupts.get() == 0) {
            if (followRecreated) {
                adoptRecreated(containers);
            }
            boolean anyRunning = false;
            for (ContainerInfo known : List.copyOf(containers)) {
                ContainerInfo now = runtime.inspectContainer(known.id()).orElse(null);
                if (now == null && followRecreated) {
                    containers.remove(known); // removed by a rebuild: its replacement is followed instead
                } else if (now != null && now.state().isRunning()) {
                    anyRunning = true;
                } else if (exited.add(known.id().value())) {
                    logs.drain(known, DRAIN_PATIENCE);
                    Integer code = now == null ? null : now.exitCode();
                    System.out.println(LogPrinter.shortName(known) + " exited with code " + (code == null ? "unknown" : code));
                    if (exitCodeFrom == null ? exitCode == null : exitCodeFrom.equals(ComposeLabels.of(known).service())) {
                        exitCode = code == null ? 1 : code;
                    }
                    if (abortOnExit) {
                        System.out.println("Aborting on container exit...");
                        stopAll();
                        return exitCodeFrom != null ? exitCodeOf(containers, exitCodeFrom) : exitCode;
                    }
                }
            }
            if (!anyRunning && followRecreated) {
                idleSince = idleSince == 0 ? System.nanoTime() : idleSince;
                if (System.nanoTime() - idleSince < RECREATE_GRACE.toNanos()) {
                    Thread.sleep(POLL.toMillis());
                    continue;
                }
            } else {
                idleSince = 0;
            }
            if (!anyRunning) {
                logs.drainAll(DRAIN_PATIENCE);
                return exitCodeFrom == null ? 0 : (exitCode == null ? 0 : exitCode);
            }
            Thread.sleep(POLL.toMillis());
        }
        System.out.println("Gracefully stopping... (press Ctrl+C again to force)");
        stopAll();
        return INTERRUPTED_EXIT;
    }

    /** Containers of the attached services not followed yet (made by a rebuild) are followed from now on. */
    private void adoptRecreated(List<ContainerInfo> containers) {
        List<ContainerInfo> current = lifecycle.containers(services, false);
        // only once running: a follow of a container not started yet would end at once
        List<ContainerInfo> added = current.stream().filter(container -> container.state().isRunning())
                .filter(container -> containers.stream().noneMatch(known -> known.id().equals(container.id()))).toList();
        if (!added.isEmpty()) {
            logs.prepare(current);
            logs.follow(added, new LogQuery(true, null, since, null));
            containers.addAll(added);
        }
    }

    private int exitCodeOf(List<ContainerInfo> containers, String service) {
        return containers.stream().filter(container -> service.equals(ComposeLabels.of(container).service()))
                .findFirst().flatMap(container -> runtime.inspectContainer(container.id()))
                .map(container -> container.exitCode() == null ? 1 : container.exitCode()).orElse(1);
    }

    private void stopAll() throws InterruptedException {
        lifecycle.stop(services, timeout);
        logs.drainAll(DRAIN_PATIENCE);
        logs.stop();
    }

    private void onInterrupt() {
        if (interrupts.incrementAndGet() >= 2) {
            System.out.println("Killing...");
            try {
                lifecycle.kill(services, "SIGKILL");
            } finally {
                Runtime.getRuntime().halt(INTERRUPTED_EXIT);
            }
        }
    }
}
