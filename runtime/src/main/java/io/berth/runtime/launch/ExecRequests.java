package io.berth.runtime.launch;

import io.berth.runtime.ContainerInfo;
import io.berth.runtime.ContainerSpec;
import io.berth.runtime.ExecSpec;
import io.berth.runtime.ImageInfo;
import io.berth.runtime.container.ContainerFiles;
import io.berth.runtime.container.ExecRequest;
import io.berth.runtime.container.KernelContainerLauncher;
import io.berth.runtime.container.UserResolver;
import java.util.ArrayList;
import java.util.List;

/**
 * A command to run in a running container (exec, healthchecks), resolved as Docker does: user,
 * environment and working directory are the container's (recomputed from its spec and image as
 * at create, the user read from the running container's /etc/passwd), the exec's own on top.
 */
public final class ExecRequests {
    private ExecRequests() {
    }

    public static ExecRequest of(ContainerInfo container, ExecSpec spec, KernelContainerLauncher launcher, int[] stdio) {
        ContainerSpec containerSpec = container.spec();
        ImageInfo.Config image = container.image() == null ? null : container.image().config();
        String user = spec.user() != null ? spec.user() : containerSpec.user() != null ? containerSpec.user()
                : image == null ? null : image.user();
        UserResolver.ResolvedUser resolved = ContainerFiles.resolveUser(container.pid(),
                user == null || user.isEmpty() ? "0" : user);
        String hostname = containerSpec.hostname() != null && !containerSpec.hostname().isEmpty()
                ? containerSpec.hostname() : container.id().shortId();
        List<String> env = new ArrayList<>(LaunchPlanner.environment(containerSpec, image, hostname, resolved.home()));
        env.addAll(spec.environment());
        if (spec.tty() && env.stream().noneMatch(entry -> entry.startsWith("TERM="))) {
            env.add("TERM=xterm"); // as Docker's exec -t
        }
        String workingDir = spec.workingDir() != null && !spec.workingDir().isEmpty() ? spec.workingDir()
                : containerSpec.workingDir() != null && !containerSpec.workingDir().isEmpty()
                ? containerSpec.workingDir() : image != null && image.workingDir() != null ? image.workingDir() : "/";
        boolean privileged = spec.privileged() || containerSpec.privileged();
        preloadSwitchMaps();
        return new ExecRequest(container.pid(), launcher.cgroups().procsFiles(launcher.cgroupOf(container.id())),
                spec.command(), env, workingDir, resolved.uid(), resolved.gid(), resolved.supplementaryGids(),
                privileged ? List.of("ALL") : LaunchPlanner.capabilities(containerSpec), !privileged, spec.detach(),
                stdio);
    }

    /**
     * Once inside the container's mount namespace no class can be loaded from the class path:
     * the synthetic switch-map class of ProcessCalls.spawn is loaded here first (the container
     * module's LinuxLayer.loadAll does not name it).
     */
    private static void preloadSwitchMaps() {
        for (String name : List.of("io.berth.runtime.linux.ProcessCalls$1")) {
            try {
                Class.forName(name, true, ExecRequests.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError notThere) {
                // compiled differently: nothing to preload
            }
        }
    }
}
