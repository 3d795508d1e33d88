package io.berth.cli.e2e;

import io.berth.runtime.RuntimeConfig;
import io.berth.runtime.container.ContainerLauncher;
import io.berth.runtime.container.LaunchRequest;
import io.berth.runtime.container.LaunchedProcess;
import io.berth.runtime.linux.ProcStat;
import io.berth.runtime.linux.ProcessCalls;
import io.berth.runtime.linux.ProcessCalls.FdAction;
import java.util.List;

/**
 * A launcher that runs a container's command as a plain host process (no namespaces, no root
 * filesystem), the runtime's own test stand-in: lets the Compose end-to-end tests exercise the
 * real supervisor (state, logs, stop, re-listing) before the container launcher is wired.
 * The tests run only harmless busybox commands with it, on the host network.
 */
public final class PlainProcessLauncher implements ContainerLauncher {
    private static final int O_WRONLY = 01;
    private static final int O_CREAT = 0100;
    private static final int O_APPEND = 02000;

    public PlainProcessLauncher(RuntimeConfig config) {
    }

    @Override
    public LaunchedProcess launch(LaunchRequest request) {
        // argv[0] is resolved against the host's busybox: the image is the host's busybox too.
        String program = request.argv().get(0).contains("/") ? request.argv().get(0) : "/bin/busybox";
        List<String> argv = request.argv().get(0).contains("/") ? request.argv()
                : prepend(request.argv().get(0), request.argv());
        int flags = O_WRONLY | O_CREAT | O_APPEND;
        long pid = ProcessCalls.spawn(program, argv, request.env(), new ProcessCalls.SpawnOptions(List.of(
                FdAction.open(0, "/dev/null", 0, 0),
                FdAction.open(1, request.stdout().toString(), flags, 0640),
                FdAction.open(2, request.stderr().toString(), flags, 0640)), true, "/"));
        return new LaunchedProcess(pid, ProcStat.startTime(pid).orElseThrow(), null);
    }

    private static List<String> prepend(String applet, List<String> argv) {
        java.util.ArrayList<String> all = new java.util.ArrayList<>();
        all.add(applet);
        all.addAll(argv.subList(1, argv.size()));
        return all;
    }

    @Override
    public void cleanup(LaunchRequest request) {
    }
}
