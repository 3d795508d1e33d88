package io.berth.runtime.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.berth.runtime.ContainerId;
import io.berth.runtime.linux.ProcessCalls;
import io.berth.runtime.linux.ProcessCalls.SpawnOptions;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The reaper reports exits with their codes, and one failure in handling an exit does not end it. */
class ReaperTest {

    @Test
    void anErrorWhileHandlingOneExitDoesNotStopTheReportOfTheNext() throws Exception {
        BlockingQueue<Reaper.Exit> reported = new LinkedBlockingQueue<>();
        AtomicBoolean failedOnce = new AtomicBoolean();
        Reaper reaper = new Reaper(exit -> {
            if (failedOnce.compareAndSet(false, true)) {
                // what a class that fails to load or a metaspace running out throws: an Error
                throw new NoClassDefFoundError("simulated while handling " + exit.id().shortId());
            }
            reported.add(exit);
        });
        Thread thread = new Thread(reaper, "reaper-under-test");
        thread.setDaemon(true);
        thread.start();
        try {
            ContainerId first = ContainerId.random();
            reaper.watch(first, exitingChild(3));
            awaitTrue(failedOnce::get);

            ContainerId second = ContainerId.random();
            long pid = exitingChild(5);
            reaper.watch(second, pid);
            Reaper.Exit exit = reported.poll(60, TimeUnit.SECONDS);
            assertNotNull(exit, "the exit after a failed handling was never reported (the reaper thread died)");
            assertEquals(new Reaper.Exit(second, pid, 5), exit);
        } finally {
            reaper.stop();
            thread.join(TimeUnit.SECONDS.toMillis(30));
        }
    }

    /** A child of this JVM that exits with {@code code} after a moment (so that it is watched running). */
    private static long exitingChild(int code) {
        return ProcessCalls.spawn("/bin/sh", List.of("sh", "-c", "sleep 0.2; exit " + code), List.of(),
                new SpawnOptions(List.of(), false, null));
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(true, condition.getAsBoolean(), "the first exit was never handled");
    }
}
