package io.berth.runtime.launch;

import io.berth.runtime.ContainerSpec;
import io.berth.runtime.ImageInfo;
import io.berth.runtime.NetworkMode;
import io.berth.runtime.RuntimeOperationException;
import io.berth.runtime.container.UserResolver;
import io.berth.runtime.linux.Capabilities;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What would keep a container from being created or started, found before anything is made
 * ({@code ContainerRuntime.problemsOf}): capabilities no kernel has, sysctls the init stage refuses
 * or this kernel lacks, a user or {@code group_add} entry the image's /etc/passwd and /etc/group do
 * not have, {@code devices:} missing on this host. Every problem at once, each prefixed with the
 * Compose key it comes from; the same rules the create and the init stage apply.
 */
public final class ContainerPreflight {
    /** As root-setup.c's NAMESPACED_SYSCTLS (keep them equal): the rest would change the host. */
    private static final List<String> NAMESPACED_SYSCTLS = List.of("net.", "kernel.shm", "kernel.msg", "kernel.sem",
            "fs.mqueue.");
    /** net.ipv4.conf.eth0.x: the interface is the container's, not the host's; judged by "default". */
    private static final Pattern PER_INTERFACE = Pattern.compile("^(net\\.ipv[46]\\.(?:conf|neigh))\\.([^.]+)\\.(.+)$");

    private ContainerPreflight() {
    }

    /**
     * @param image        the image as stored, or null when it is not present (user and groups not judged)
     * @param imageLayers  its layer directories, top-most first (null with {@code image})
     * @param procSys      the host's /proc/sys
     */
    public static List<String> problems(ContainerSpec spec, ImageInfo image, List<Path> imageLayers, Path procSys) {
        List<String> problems = new ArrayList<>();
        capabilities(problems, "cap_add", spec.capAdd());
        capabilities(problems, "cap_drop", spec.capDrop());
        sysctls(problems, spec, procSys);
        if (imageLayers != null) {
            users(problems, spec, image, imageLayers);
        }
        for (ContainerSpec.Device device : spec.options().devices()) {
            try {
                HostDevices.resolve(List.of(device));
            } catch (RuntimeOperationException e) {
                problems.add(e.getMessage());
            }
        }
        return List.copyOf(problems);
    }

    /** As Docker's daemon words it: {@code unknown capability: "CAP_FOO"}. */
    private static void capabilities(List<String> problems, String key, List<String> names) {
        for (String name : names) {
            String upper = name.trim().toUpperCase(Locale.ROOT);
            String canonical = upper.startsWith("CAP_") ? upper : "CAP_" + upper;
            if (canonical.equals("CAP_ALL")) {
                continue;
            }
            try {
                Capabilities.mask(List.of(canonical));
            } catch (IllegalArgumentException e) {
                problems.add(key + ": unknown capability: \"" + canonical + "\"");
            }
        }
    }

    private static void sysctls(List<String> problems, ContainerSpec spec, Path procSys) {
        boolean sharedNetwork = spec.networkMode() instanceof NetworkMode.Host
                || spec.networkMode() instanceof NetworkMode.Container;
        for (Map.Entry<String, String> sysctl : new TreeMap<>(spec.sysctls()).entrySet()) {
            String key = sysctl.getKey();
            if (NAMESPACED_SYSCTLS.stream().noneMatch(key::startsWith) || key.contains("..") || key.contains("/")) {
                problems.add("sysctls: " + key + " is not namespaced: it would change the host (Berth sets only "
                        + "net.*, kernel.shm*, kernel.msg*, kernel.sem and fs.mqueue.*)");
            } else if (sharedNetwork && key.startsWith("net.")) {
                problems.add("sysctls: " + key + " is not allowed with network_mode "
                        + (spec.networkMode() instanceof NetworkMode.Host ? "host" : "container:")
                        + " (it would change a network namespace that is not the container's own)");
            } else if (!Files.exists(procSys.resolve(fileOf(key)))) {
                problems.add("sysctls: " + key + ": this kernel has no such setting (no "
                        + procSys.resolve(fileOf(key)) + ")");
            }
        }
    }

    /** The file of a sysctl under /proc/sys; an interface's name replaced by "default". */
    private static String fileOf(String key) {
        Matcher perInterface = PER_INTERFACE.matcher(key);
        String judged = perInterface.matches()
                ? perInterface.group(1) + ".default." + perInterface.group(3) : key;
        return judged.replace('.', '/');
    }

    /** The user (the file's, else the image's USER) and every group_add entry, against the image's files. */
    private static void users(List<String> problems, ContainerSpec spec, ImageInfo image, List<Path> layers) {
        String passwd = LayeredFiles.read(layers, "etc/passwd");
        String group = LayeredFiles.read(layers, "etc/group");
        String user = spec.user() != null ? spec.user()
                : image == null || image.config() == null ? null : image.config().user();
        try {
            UserResolver.resolve(user, List.of(), passwd, group);
        } catch (RuntimeOperationException e) {
            problems.add("user: " + e.getMessage());
        }
        for (String extra : spec.groupAdd()) {
            try {
                UserResolver.groupId(extra, group);
            } catch (RuntimeOperationException e) {
                problems.add("group_add: " + e.getMessage());
            }
        }
    }
}
