package io.berth.runtime.launch;

import io.berth.runtime.ContainerInfo;
import io.berth.runtime.ContainerSpec;
import io.berth.runtime.ExecSpec;
import io.berth.runtime.ImageInfo;
import io.berth.runtime.container.ContainerFiles;
import io.berth.runtime.container.ExecRequest;
import io.berth.runtime.container.KernelContainerLauncher;
import io.berth.runtime.container.UserResolver;
import io.berth.runtime.container.LaunchRequest;
import io.berth.runtime.seccomp.SeccompProgram;
import io.berth.runtime.seccomp.SecurityOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

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
        UserResolver.ResolvedUser resolved;
        try {
            resolved = ContainerFiles.resolveUser(container.pid(), user == null || user.isEmpty() ? "0" : user);
        } catch (io.berth.runtime.RuntimeOperationException noSuchUser) {
            if (noSuchUser.kind() != io.berth.runtime.RuntimeOperationException.Kind.INVALID) {
                throw noSuchUser;
            }
            // as Docker: an exec that cannot take on its user (not in passwd) does not start, exit code 126
            throw new io.berth.runtime.RuntimeOperationException(
                    io.berth.runtime.RuntimeOperationException.Kind.COMMAND_NOT_EXECUTABLE, noSuchUser.getMessage(),
                    noSuchUser);
        }
        String hostname = containerSpec.hostname() != null && !containerSpec.hostname().isEmpty()
                ? containerSpec.hostname() : container.id().shortId();
        List<String> env = new ArrayList<>(LaunchPlanner.environment(containerSpec, image, hostname, resolved.home()));
        env.addAll(linkVariables(container, env));
        env.addAll(spec.environment());
        if (spec.tty() && env.stream().noneMatch(entry -> entry.startsWith("TERM="))) {
            env.add("TERM=xterm"); // as Docker's exec -t
        }
        String workingDir = spec.workingDir() != null && !spec.workingDir().isEmpty() ? spec.workingDir()
                : containerSpec.workingDir() != null && !containerSpec.workingDir().isEmpty()
                ? containerSpec.workingDir() : image != null && image.workingDir() != null ? image.workingDir() : "/";
        boolean privileged = spec.privileged() || containerSpec.privileged();
        SecurityOptions security = LaunchPlanner.securityOptions(containerSpec);
        List<String> containerCaps = LaunchPlanner.capabilities(containerSpec);
        // the container's filter, also for exec --privileged: Docker's exec keeps the container's profile
        SeccompProgram seccomp = LaunchPlanner.seccomp(containerSpec, security, containerCaps);
        List<LaunchRequest.Rlimit> rlimits = containerSpec.ulimits().stream()
                .map(limit -> new LaunchRequest.Rlimit(limit.name(), limit.soft(), limit.hard())).toList();
        preloadSwitchMaps();
        return new ExecRequest(container.pid(), container.pidStartTime(),
                launcher.cgroups().procsFiles(launcher.cgroupOf(container.id())),
                spec.command(), env, workingDir, resolved.uid(), resolved.gid(), groups(container, resolved),
                privileged ? List.of("ALL") : containerCaps, security.noNewPrivileges(), spec.detach(), stdio,
                rlimits, seccomp);
    }

    /** The primary group, the user's groups in /etc/group, then group_add: what PID 1 gets. */
    private static List<Integer> groups(ContainerInfo container, UserResolver.ResolvedUser resolved) {
        Set<Integer> groups = new LinkedHashSet<>();
        groups.add(resolved.gid());
        groups.addAll(resolved.supplementaryGids());
        List<String> groupAdd = container.spec().groupAdd();
        if (!groupAdd.isEmpty()) {
            String groupFile = ContainerFiles.read(container.pid(), "/etc/group").orElse("");
            for (String group : groupAdd) {
                groups.add(UserResolver.groupId(group, groupFile));
            }
        }
        return List.copyOf(groups);
    }

    /**
     * The links: variables PID 1 was started with (ALIAS_PORT..., ALIAS_NAME, ALIAS_ENV_...; made
     * from the peers running at its start, as Docker's are): taken from its /proc/PID/environ, only
     * keys of a link alias's prefix that the recomputed environment lacks.
     */
    private static List<String> linkVariables(ContainerInfo container, List<String> env) {
        List<String> prefixes = container.spec().links().stream()
                .map(link -> link.alias().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_") + "_").toList();
        if (prefixes.isEmpty()) {
            return List.of();
        }
        Set<String> keys = new HashSet<>();
        env.forEach(entry -> keys.add(entry.substring(0, Math.max(0, entry.indexOf('=')))));
        List<String> found = new ArrayList<>();
        try {
            byte[] environ = Files.readAllBytes(Path.of("/proc", Long.toString(container.pid()), "environ"));
            for (String entry : new String(environ, StandardCharsets.UTF_8).split("\0")) {
                int equals = entry.indexOf('=');
                String key = equals > 0 ? entry.substring(0, equals) : "";
                if (!keys.contains(key) && prefixes.stream().anyMatch(key::startsWith)) {
                    found.add(entry);
                }
            }
        } catch (IOException gone) {
            // the container stopped meanwhile: the exec fails on its own
        }
        return found;
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
