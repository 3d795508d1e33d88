package io.berth.runtime.container;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A spawn on a thread of its own, which may unshare or setns first: namespaces (and the working
 * directory, after unshare(CLONE_FS)) belong to a thread, so the JVM's other threads never leave
 * the host's. The launcher starts PID 1 so in new namespaces, exec its stage in the container's.
 */
final class ThrowawayThread {
    /** Enters what it must, then spawns; returns the child's PID. */
    @FunctionalInterface
    interface Spawn {
        long run() throws Exception;
    }

    private ThrowawayThread() {
    }

    /**
     * Runs {@code body} on a new daemon thread and waits for it; its failure is rethrown here.
     *
     * @param doing     for an interruption: "starting an exec"
     * @param noProcess the failure when the body returned no PID
     */
    static long spawn(String threadName, String doing, String noProcess, Spawn body) {
        AtomicLong pid = new AtomicLong();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                pid.set(body.run());
            } catch (RuntimeException e) {
                failure.set(e);
            } catch (Throwable e) {
                failure.set(new IllegalStateException(e.toString(), e));
            }
        }, threadName);
        thread.setDaemon(true);
        thread.start();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + doing, e);
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        if (pid.get() <= 0) {
            throw new IllegalStateException(noProcess);
        }
        return pid.get();
    }
}
