package io.berth.runtime.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.runtime.linux.ProcessCalls.FdAction;
import io.berth.runtime.linux.ProcessCalls.SpawnOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessCallsTest {

    @Test
    void spawnedChildWritesToAPipeAndItsExitCodeIsReaped() {
        int[] pipe = FdCalls.pipe();
        long pid = ProcessCalls.spawn("/bin/sh", List.of("sh", "-c", "echo $GREETING; exit 7"),
                List.of("GREETING=hello"), new SpawnOptions(List.of(FdAction.dup2(pipe[1], 1)), false, "/"));
        FdCalls.closeQuietly(pipe[1]);
        String output = new String(FdCalls.readToEnd(pipe[0]), StandardCharsets.UTF_8);
        FdCalls.closeQuietly(pipe[0]);
        assertEquals("hello\n", output);
        assertEquals(7, ProcessCalls.waitFor(pid).exitCode());
    }

    @Test
    void pidfdBecomesReadableWhenTheChildIsKilled() {
        long pid = ProcessCalls.spawn("/bin/sleep", List.of("sleep", "30"), List.of(),
                new SpawnOptions(List.of(), true, null));
        int pidfd = ProcessCalls.pidfdOpen(pid);
        try {
            assertTrue(!ProcessCalls.awaitReadable(pidfd, Duration.ofMillis(50)));
            ProcessCalls.pidfdSignal(pidfd, ProcessCalls.SIGKILL);
            assertTrue(ProcessCalls.awaitReadable(pidfd, Duration.ofSeconds(5)));
            ProcessCalls.ExitStatus status = ProcessCalls.waitFor(pid);
            assertEquals(ProcessCalls.SIGKILL, status.signal());
            assertEquals(137, status.exitCode());
        } finally {
            FdCalls.closeQuietly(pidfd);
        }
    }

    @Test
    void reaperCallsSayGoneAndNotOurChildInsteadOfFailing() {
        long pid = ProcessCalls.spawn("/bin/sh", List.of("sh", "-c", "exit 3"), List.of(),
                new SpawnOptions(List.of(), false, null));
        int pidfd = ProcessCalls.pidfdOpenIfAlive(pid);
        try {
            assertEquals(List.of(0), FdCalls.pollReadable(new int[] {pidfd}, 5_000), "readable once it exits");
        } finally {
            FdCalls.closeQuietly(pidfd);
        }
        ProcessCalls.ExitStatus reaped = ProcessCalls.pollMaybeChild(pid).orElseThrow();
        assertTrue(reaped.known());
        assertEquals(3, reaped.exitCode());
        // reaped: no longer our child, and gone
        assertTrue(!ProcessCalls.pollMaybeChild(pid).orElseThrow().known());
        assertEquals(-1, ProcessCalls.pidfdOpenIfAlive(pid));
        assertTrue(!ProcessCalls.killIfAlive(pid, 0));
    }

    @Test
    void aWakeUpPipeWakesItsPollerAndDrainsEmpty() {
        int[] pipe = FdCalls.nonBlockingPipe();
        try {
            assertEquals(List.of(), FdCalls.pollReadable(new int[] {pipe[0]}, 0));
            FdCalls.wake(pipe[1]);
            FdCalls.wake(pipe[1]);
            assertEquals(List.of(0), FdCalls.pollReadable(new int[] {pipe[0]}, 1_000));
            FdCalls.drain(pipe[0]);
            assertEquals(List.of(), FdCalls.pollReadable(new int[] {pipe[0]}, 0));
        } finally {
            FdCalls.closeQuietly(pipe[0]);
            FdCalls.closeQuietly(pipe[1]);
        }
    }

    @Test
    void failedCallsNameTheCallThePathAndErrno() {
        LinuxException error = assertThrows(LinuxException.class,
                () -> FdCalls.open("/nonexistent-berth/file", FdCalls.O_RDONLY, 0));
        assertEquals("open /nonexistent-berth/file: No such file or directory (ENOENT)", error.getMessage());
        assertEquals("ENOENT", error.errnoName());
    }
}
