package io.berth.runtime.supervisor;

import io.berth.runtime.ContainerId;
import io.berth.runtime.linux.FdCalls;
import io.berth.runtime.linux.ProcStat;
import io.berth.runtime.linux.ProcessCalls;
import io.berth.runtime.linux.ProcessCalls.ExitStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * One thread that learns of every container exit: a pidfd per container PID 1, all polled at
 * once, plus a wake-up pipe for new registrations. When a pidfd turns readable the process has
 * exited; if it is our child, waitpid gives its status. A re-adopted process (started by an
 * earlier supervisor, now a child of init) cannot be waited for: its exit code is unknown.
 */
final class Reaper implements Runnable {

    /** An exit: {@code exitCode} null when the process was not our child. */
    record Exit(ContainerId id, long pid, Integer exitCode) {
    }

    private record Watch(ContainerId id, long pid, int pidfd) {
    }

    private static final int ROUND_MILLIS = 5_000;
    private static final long ROUND_NANOS = ROUND_MILLIS * 1_000_000L;
    private static final long FAILURE_PAUSE_MILLIS = 100;
    private final ConcurrentLinkedQueue<Watch> pending = new ConcurrentLinkedQueue<>();
    private final Map<Integer, Watch> watches = new ConcurrentHashMap<>();
    private final Consumer<Exit> onExit;
    private final int[] wakePipe = FdCalls.nonBlockingPipe();
    private volatile boolean running = true;

    Reaper(Consumer<Exit> onExit) {
        this.onExit = onExit;
    }

    /** Watches a PID; an exit that already happened is reported at once. */
    void watch(ContainerId id, long pid) {
        int pidfd = ProcessCalls.pidfdOpenIfAlive(pid);
        if (pidfd < 0) {
            onExit.accept(new Exit(id, pid, exitCode(ProcessCalls.pollMaybeChild(pid))));
            return;
        }
        pending.add(new Watch(id, pid, pidfd));
        FdCalls.wake(wakePipe[1]);
    }

    int watching() {
        return watches.size() + pending.size();
    }

    void stop() {
        running = false;
        FdCalls.wake(wakePipe[1]);
    }

    @Override
    public void run() {
        long nextSweep = System.nanoTime() + ROUND_NANOS;
        while (running) {
            try {
                List<Watch> polled = round();
                if (System.nanoTime() - nextSweep >= 0) {
                    sweep(polled);
                    nextSweep = System.nanoTime() + ROUND_NANOS;
                }
            } catch (RuntimeException | Error e) {
                // This thread is how every container's exit is learnt: if it died (a class that failed
                // to load, a heap or metaspace running out for a moment), every container it watches
                // would stay Running forever. It logs and goes on.
                ContainerManager.log("reaper: " + e + "; going on");
                pauseAfterFailure();
            }
        }
    }

    /** One poll of every watched pidfd (and the wake-up pipe); returns what was polled. */
    private List<Watch> round() {
        for (Watch watch; (watch = pending.poll()) != null; ) {
            watches.put(watch.pidfd(), watch);
        }
        List<Watch> polled = new ArrayList<>(watches.values());
        int[] fds = new int[polled.size() + 1];
        fds[0] = wakePipe[0];
        for (int i = 0; i < polled.size(); i++) {
            fds[i + 1] = polled.get(i).pidfd();
        }
        for (int index : FdCalls.pollReadable(fds, ROUND_MILLIS)) {
            if (index == 0) {
                FdCalls.drain(wakePipe[0]);
                continue;
            }
            reportIfEnded(polled.get(index - 1));
        }
        return polled;
    }

    /**
     * Every round (not only a quiet one: a pidfd that stays readable without being reportable would
     * keep a quiet round from ever coming) each PID is also looked at in /proc: an exit whose pidfd
     * wake-up was missed (a descriptor closed by mistake elsewhere in the process, say) is then
     * noticed within a round rather than never, and the log says so.
     */
    private void sweep(List<Watch> polled) {
        for (Watch watch : polled) {
            if (watches.get(watch.pidfd()) != watch) {
                continue; // reported in this round already
            }
            if (!ProcStat.isAlive(watch.pid()) && reportIfEnded(watch)) {
                ContainerManager.log("exit of " + watch.id().shortId() + " (PID " + watch.pid()
                        + ") noticed by the periodic check, not by its pidfd");
            }
        }
    }

    private void pauseAfterFailure() {
        try {
            Thread.sleep(FAILURE_PAUSE_MILLIS); // never a tight loop of the same failure
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Reports the exit when the process can be waited for (or is not ours); false while it runs. */
    private boolean reportIfEnded(Watch watch) {
        Optional<ExitStatus> status = ProcessCalls.pollMaybeChild(watch.pid());
        if (status.isEmpty()) {
            return false; // readable but not yet waitable: look again on the next round
        }
        if (watches.remove(watch.pidfd()) == null) {
            return false;
        }
        FdCalls.closeQuietly(watch.pidfd());
        try {
            onExit.accept(new Exit(watch.id(), watch.pid(), exitCode(status)));
        } catch (RuntimeException | Error e) {
            ContainerManager.log("handling exit of " + watch.id().shortId() + ": " + e);
        }
        return true;
    }

    /** Null while running or when not our child (unknowable). */
    private static Integer exitCode(Optional<ExitStatus> status) {
        return status.filter(ExitStatus::known).map(ExitStatus::exitCode).orElse(null);
    }
}
