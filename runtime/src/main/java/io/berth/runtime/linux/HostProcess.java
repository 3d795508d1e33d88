package io.berth.runtime.linux;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What Berth's long-lived processes (the supervisor, the CLI server) start with: a fixed, minimal
 * environment and umask, never those of the command that happened to start them (its
 * {@code http_proxy}, tokens, a PATH without /usr/sbin). What a request needs travels with the
 * request; host tools are found on {@link #PATH} whatever the caller's PATH.
 */
public final class HostProcess {
    /** The PATH of Berth's own processes and of the host tools it runs (Debian's root PATH). */
    public static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    /** Docker's: files its processes make are not writable by others. */
    public static final int UMASK = 022;
    /**
     * The Berth settings a long-lived process reads from its own environment (docs/cli-server.md
     * "process-wide"); everything else a command needs comes with it.
     */
    public static final List<String> KEPT_SETTINGS = List.of("BERTH_ROOT", "BERTH_RUN_ROOT", "BERTH_SERVER_IDLE",
            "BERTH_SUBNET_POOL", "BERTH_SUPERVISOR_JAVA_OPTS", "BERTH_TRACE");

    private HostProcess() {
    }

    /** The whole environment of a long-lived process started by one whose environment is {@code caller}. */
    public static Map<String, String> environment(Map<String, String> caller) {
        Map<String, String> environment = new TreeMap<>();
        environment.put("PATH", PATH);
        environment.put("LANG", "C.UTF-8");
        for (String name : KEPT_SETTINGS) {
            String value = caller.get(name);
            if (value != null) {
                environment.put(name, value);
            }
        }
        return environment;
    }

    /** Sets this process's umask to {@link #UMASK} (first thing in main: threads made later share it). */
    public static void fixUmask() {
        LibC.umask(UMASK);
    }

    /** {@code tool} as an absolute path found on {@link #PATH}, else the name unchanged (the start reports it). */
    public static String resolveTool(String tool) {
        if (tool.contains("/")) {
            return tool;
        }
        for (String directory : PATH.split(":")) {
            Path candidate = Path.of(directory, tool);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return tool;
    }
}
