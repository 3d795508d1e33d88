package io.berth.runtime.container;

import io.berth.runtime.init.InitConfig;
import io.berth.runtime.init.InitStage;
import io.berth.runtime.linux.FdCalls;
import io.berth.runtime.linux.ProcessCalls;
import io.berth.runtime.linux.Terminals;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.LongConsumer;

/**
 * The init stage from its spawn to its execve: its config on a memfd, the status and go-ahead
 * pipes, "ready" awaited, the terminal opened if asked for, the go-ahead given, "exec" awaited.
 * A stage that fails is killed and reaped, its own words in the error.
 */
final class InitStageStart {
    private static final Duration INIT_TIMEOUT = Duration.ofSeconds(60);
    /** How long a failed attach waits for the stage's own report before it is the error itself. */
    private static final Duration STAGE_REPORT_WAIT = Duration.ofSeconds(2);

    private InitStageStart() {
    }

    /**
     * {@code stdioFd[0]} receives the caller's end of a pipe or pty as soon as there is one;
     * {@code beforeExec} runs with the stage's PID while it sets up the root.
     */
    static long start(LaunchRequest request, InitConfig config, ContainerStdio stdio,
                      Terminals.WindowSize terminalSize, int[] stdioFd, LongConsumer beforeExec) {
        String configText = config.encode() + InitConfig.seccompLine(request.seccomp());
        int configFd = FdCalls.memfdWith("berth-init", configText.getBytes(StandardCharsets.UTF_8));
        int[] status = FdCalls.pipe();
        int[] go = FdCalls.pipe();
        int[] stdin = stdio == ContainerStdio.STDIN_PIPE ? FdCalls.pipe() : null;
        long pid;
        long[] phases = KernelContainerLauncher.LAST_PHASES.get();
        phases[0] = System.nanoTime();
        try {
            if (stdin != null) {
                stdioFd[0] = stdin[1];
            }
            pid = InitStageSpawn.spawnInNewNamespaces(request, InitStageSpawn.fdActions(request, configFd,
                    status[1], go[0], InitStageExecutable.memfd(), stdin == null ? -1 : stdin[0]));
        } finally {
            FdCalls.closeQuietly(configFd);
            FdCalls.closeQuietly(status[1]);
            FdCalls.closeQuietly(go[0]);
            if (stdin != null) {
                FdCalls.closeQuietly(stdin[0]);
            }
        }
        try {
            phases[1] = System.nanoTime();
            try {
                beforeExec.accept(pid); // the stage sets up the root meanwhile; it execs only after the go-ahead
            } catch (RuntimeException attachFailed) {
                throw stageFailureOr(status[0], attachFailed);
            }
            InitStageChannel channel = new InitStageChannel(status[0], INIT_TIMEOUT);
            channel.expect(InitStage.READY);
            phases[2] = System.nanoTime();
            byte goAhead = InitStage.GO;
            if (stdio == ContainerStdio.TERMINAL) {
                stdioFd[0] = openFirstPty(pid);
                if (terminalSize != null) {
                    Terminals.setWindowSize(stdioFd[0], terminalSize);
                }
                goAhead = InitStage.GO_WITH_TERMINAL;
            }
            FdCalls.writeAll(go[1], new byte[] {goAhead});
            // Closed once only: a second close could hit the same number reused by another thread.
            int goWrite = go[1];
            go[1] = -1;
            FdCalls.closeQuietly(goWrite);
            channel.expect(InitStage.EXEC);
            channel.expectEndOfFile();
            phases[3] = System.nanoTime();
            return pid;
        } catch (InitStageChannel.InitStageException e) {
            ProcessCalls.killIfAlive(pid, ProcessCalls.SIGKILL);
            ProcessCalls.ExitStatus exit = ProcessCalls.waitFor(pid);
            String said = e.getMessage().startsWith("the init stage exited") ? lastWords(request.stderr(), exit) : "";
            throw said.isEmpty() ? e : e.withMessage(e.getMessage() + said);
        } catch (RuntimeException e) {
            ProcessCalls.killIfAlive(pid, ProcessCalls.SIGKILL);
            ProcessCalls.waitFor(pid);
            throw e;
        } finally {
            FdCalls.closeQuietly(status[0]);
            if (go[1] >= 0) {
                FdCalls.closeQuietly(go[1]);
            }
        }
    }

    /**
     * When the network attach (or another beforeExec step) failed, the stage's own report if it has
     * one: a stage that failed (working_dir through a file, a hostname too long, a symlink loop) is
     * gone, so the attach that follows fails on its /proc/PID/ns/net and would hide the cause.
     */
    private static RuntimeException stageFailureOr(int statusFd, RuntimeException attachFailed) {
        try {
            new InitStageChannel(statusFd, STAGE_REPORT_WAIT).expect(InitStage.READY);
        } catch (InitStageChannel.InitStageException stageFailed) {
            if (!stageFailed.getMessage().equals(InitStageChannel.NO_ANSWER)) {
                stageFailed.addSuppressed(attachFailed);
                return stageFailed;
            }
        }
        return attachFailed;
    }

    /**
     * The master of the first pty of the container's devpts instance (mounted by the stage, which
     * has run nothing of the image yet): the stage opens its slave, /dev/pts/0, as its stdio.
     */
    private static int openFirstPty(long pid) {
        Terminals.Pty pty = Terminals.openPty("/proc/" + pid + "/root/dev/pts/ptmx");
        if (!InitStage.FIRST_PTY.equals(pty.slavePath())) {
            FdCalls.closeQuietly(pty.master());
            throw new IllegalStateException("the container's devpts gave " + pty.slavePath() + " as its first pty");
        }
        return pty.master();
    }

    /** When the stage died without a word (e.g. killed): its exit and the end of stderr. */
    private static String lastWords(Path stderr, ProcessCalls.ExitStatus exit) {
        String tail = "";
        try {
            if (stderr != null && Files.isRegularFile(stderr)) {
                String text = Files.readString(stderr).strip();
                tail = text.isEmpty() ? "" : ": " + text.substring(Math.max(0, text.length() - 300)).replace('\n', ' ');
            }
        } catch (IOException | RuntimeException e) {
            // the exit status alone then
        }
        return " (exit " + exit.exitCode() + ")" + tail;
    }
}
