package io.berth.runtime.container;

import io.berth.runtime.init.InitStage;
import io.berth.runtime.linux.FdCalls;
import io.berth.runtime.linux.Namespaces;
import io.berth.runtime.linux.ProcessCalls;
import io.berth.runtime.linux.ProcessCalls.FdAction;
import io.berth.runtime.linux.ProcessCalls.SpawnOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The spawn of the init stage: its namespaces (new ones, or the network, IPC and PID namespaces
 * the request joins) entered on a throwaway thread, and the file descriptors it starts with.
 */
final class InitStageSpawn {
    private static final int NAMESPACES = Namespaces.CLONE_NEWNS | Namespaces.CLONE_NEWUTS
            | Namespaces.CLONE_NEWIPC | Namespaces.CLONE_NEWPID;

    private InitStageSpawn() {
    }

    /** Unshares on a thread of its own: the JVM's other threads never leave the host's namespaces. */
    static long spawnInNewNamespaces(LaunchRequest request, List<FdAction> actions) {
        // everything that might start a thread happens here: after unshare(CLONE_NEWPID) it cannot
        String executable = "/proc/self/fd/" + InitStage.EXECUTABLE_FD; // the child's copy of the memfd
        List<String> argv = List.of("berth-init");
        return ThrowawayThread.spawn("berth-launch-" + request.id().shortId(), "starting the init stage",
                "posix_spawn of the init stage returned no process", () -> {
            int flags = NAMESPACES;
            boolean hostNetwork = LaunchRequest.HOST_NETNS.equals(request.netns());
            String joinedNetwork = request.netns() != null ? request.netns().toString()
                    : request.shareNetnsOf() != null ? "/proc/" + request.shareNetnsOf() + "/ns/net" : null;
            if (hostNetwork) {
                // network_mode host: this thread's namespace already is the one; join and unshare nothing
            } else if (joinedNetwork != null) {
                join(joinedNetwork, Namespaces.CLONE_NEWNET);
            } else {
                flags |= Namespaces.CLONE_NEWNET;
            }
            if (request.ipcNamespace() != null) {
                flags &= ~Namespaces.CLONE_NEWIPC; // the host's kept, or another container's joined
                if (!LaunchRequest.HOST_IPC.equals(request.ipcNamespace())) {
                    join(request.ipcNamespace(), Namespaces.CLONE_NEWIPC);
                }
            }
            if (request.pidNamespace() != null) {
                // the stage is then not PID 1: its children's namespace is the host's or another container's
                flags &= ~Namespaces.CLONE_NEWPID;
                if (!LaunchRequest.HOST_PID.equals(request.pidNamespace())) {
                    join(request.pidNamespace(), Namespaces.CLONE_NEWPID);
                }
            }
            Namespaces.unshare(flags);
            return ProcessCalls.spawn(executable, argv, List.of(),
                    new SpawnOptions(actions, true, null));
        });
    }

    private static void join(Path namespace, int type) {
        join(namespace.toString(), type);
    }

    private static void join(String namespace, int type) {
        int fd = Namespaces.open(namespace);
        try {
            Namespaces.setns(fd, type, namespace);
        } finally {
            FdCalls.closeQuietly(fd);
        }
    }

    /**
     * Config, status, go-ahead and the stage's executable on 3, 4, 5, 6 (InitStage), then stdio
     * from the request's files (or stdin the pipe's end).
     */
    static List<FdAction> fdActions(LaunchRequest request, int configFd, int statusFd, int goFd,
                                    int executableFd, int stdinPipe) {
        List<FdAction> actions = new ArrayList<>(stdinPipe < 0
                ? ProcessCalls.placeAt(InitStage.CONFIG_FD, configFd, statusFd, goFd, executableFd)
                : ProcessCalls.placeAt(InitStage.CONFIG_FD, configFd, statusFd, goFd, executableFd, stdinPipe));
        String stdin = request.stdinPath() == null ? "/dev/null" : request.stdinPath().toString();
        int output = FdCalls.O_WRONLY | FdCalls.O_APPEND | FdCalls.O_CREAT | FdCalls.O_NOCTTY;
        if (stdinPipe < 0) {
            actions.add(FdAction.open(0, stdin, FdCalls.O_RDONLY | FdCalls.O_NOCTTY, 0));
        } else {
            // placed after the executable above, then closed on the command's execve as all from 3 up
            actions.add(FdAction.dup2(InitStage.EXECUTABLE_FD + 1, 0));
        }
        actions.add(FdAction.open(1, request.stdout() == null ? "/dev/null" : request.stdout().toString(), output, 0600));
        actions.add(FdAction.open(2, request.stderr() == null ? "/dev/null" : request.stderr().toString(), output, 0600));
        return actions;
    }
}
