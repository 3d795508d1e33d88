package io.berth.runtime.init;

import io.berth.runtime.linux.Capabilities;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the init stage needs, passed from the launcher on a memfd as lines of tab-separated fields
 * ({@code key<TAB>value...}, with backslash escapes for tab, newline and backslash): no JSON
 * library to load, so the stage starts fast.
 *
 * @param rootfs        the mounted overlay, as the host sees it
 * @param newNetwork    true when the container got a new network namespace (bring lo up)
 * @param cgroupProcs   cgroup.procs files the stage joins once its root is set up, before "ready"
 * @param cgroupFs      what to mount read-only at /sys/fs/cgroup once in the cgroup namespace:
 *                      one cgroup2, or one v1 hierarchy per entry (as Docker does)
 * @param capabilities  names (CAP_CHOWN...) for the bounding, effective and permitted sets
 * @param init          stay PID 1 as an init (signals forwarded, zombies reaped) and fork the command
 */
public record InitConfig(String rootfs, List<String> argv, List<String> env, String workingDir,
                         int uid, int gid, List<Integer> groups, String hostname, String domainname,
                         boolean newNetwork, List<Mount> mounts, List<String> capabilities,
                         boolean noNewPrivileges, boolean readOnlyRootfs, Map<String, String> sysctls,
                         List<Rlimit> rlimits, long shmSizeBytes, List<String> cgroupProcs,
                         List<CgroupFs> cgroupFs, boolean init) {

    /** A config without init (as before it existed). */
    public InitConfig(String rootfs, List<String> argv, List<String> env, String workingDir,
                      int uid, int gid, List<Integer> groups, String hostname, String domainname,
                      boolean newNetwork, List<Mount> mounts, List<String> capabilities,
                      boolean noNewPrivileges, boolean readOnlyRootfs, Map<String, String> sysctls,
                      List<Rlimit> rlimits, long shmSizeBytes, List<String> cgroupProcs,
                      List<CgroupFs> cgroupFs) {
        this(rootfs, argv, env, workingDir, uid, gid, groups, hostname, domainname, newNetwork, mounts,
                capabilities, noNewPrivileges, readOnlyRootfs, sysctls, rlimits, shmSizeBytes, cgroupProcs,
                cgroupFs, false);
    }

    /** type "cgroup2", or "cgroup" with its controllers as options, mounted at /sys/fs/cgroup/NAME. */
    public record CgroupFs(String type, String options, String name) {
    }

    /** type "bind" or a filesystem type; flags as mount(8) options (ro, nosuid, rbind, ...). */
    public record Mount(String type, String source, String destination, List<String> flags, String data) {
    }

    public record Rlimit(String name, long soft, long hard) {
    }

    public String encode() {
        StringBuilder out = new StringBuilder();
        line(out, "rootfs", rootfs);
        argv.forEach(arg -> line(out, "arg", arg));
        env.forEach(entry -> line(out, "env", entry));
        line(out, "cwd", workingDir);
        line(out, "uid", Integer.toString(uid));
        line(out, "gid", Integer.toString(gid));
        groups.forEach(group -> line(out, "group", group.toString()));
        line(out, "hostname", hostname);
        line(out, "domainname", domainname);
        line(out, "newnet", Boolean.toString(newNetwork));
        mounts.forEach(m -> line(out, "mount", m.type(), m.source(), m.destination(), String.join(",", m.flags()),
                m.data()));
        capabilityNumbers(out, capabilities);
        line(out, "nnp", Boolean.toString(noNewPrivileges));
        line(out, "rorootfs", Boolean.toString(readOnlyRootfs));
        sysctls.forEach((key, value) -> line(out, "sysctl", key, value));
        rlimits.forEach(r -> line(out, "rlimit", r.name(), Long.toString(r.soft()), Long.toString(r.hard())));
        line(out, "shm", Long.toString(shmSizeBytes));
        cgroupProcs.forEach(file -> line(out, "cgroup", file));
        cgroupFs.forEach(fs -> line(out, "cgroupfs", fs.type(), fs.options(), fs.name()));
        if (init) {
            line(out, "init", "true");
        }
        return out.toString();
    }

    /** The stage's "seccomp" line for a filter (seccomp-load.c); "" for none (unconfined). */
    public static String seccompLine(io.berth.runtime.seccomp.SeccompProgram seccomp) {
        if (seccomp == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        line(out, "seccomp", seccomp.hex());
        return out.toString();
    }

    public static InitConfig decode(String text) {
        Map<String, String> single = new LinkedHashMap<>();
        List<String> argv = new ArrayList<>();
        List<String> env = new ArrayList<>();
        List<Integer> groups = new ArrayList<>();
        List<Mount> mounts = new ArrayList<>();
        List<String> caps = new ArrayList<>();
        Map<String, String> sysctls = new LinkedHashMap<>();
        List<Rlimit> rlimits = new ArrayList<>();
        List<String> cgroups = new ArrayList<>();
        List<CgroupFs> cgroupFs = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] raw = line.split("\t", -1);
            String[] f = new String[raw.length];
            for (int i = 0; i < raw.length; i++) {
                f[i] = unescape(raw[i]);
            }
            switch (f[0]) {
                case "arg" -> argv.add(f[1]);
                case "env" -> env.add(f[1]);
                case "group" -> groups.add(Integer.parseInt(f[1]));
                case "mount" -> mounts.add(new Mount(f[1], f[2], f[3],
                        f[4].isEmpty() ? List.of() : List.of(f[4].split(",")), f[5]));
                case "cap" -> caps.add(Capabilities.name(Integer.parseInt(f[1])));
                case "sysctl" -> sysctls.put(f[1], f[2]);
                case "rlimit" -> rlimits.add(new Rlimit(f[1], Long.parseLong(f[2]), Long.parseLong(f[3])));
                case "cgroup" -> cgroups.add(f[1]);
                case "cgroupfs" -> cgroupFs.add(new CgroupFs(f[1], f[2], f[3]));
                default -> single.put(f[0], f[1]);
            }
        }
        return new InitConfig(single.get("rootfs"), argv, env, single.getOrDefault("cwd", "/"),
                Integer.parseInt(single.getOrDefault("uid", "0")), Integer.parseInt(single.getOrDefault("gid", "0")),
                groups, single.getOrDefault("hostname", ""), single.getOrDefault("domainname", ""),
                Boolean.parseBoolean(single.get("newnet")), mounts, caps, Boolean.parseBoolean(single.get("nnp")),
                Boolean.parseBoolean(single.get("rorootfs")), sysctls, rlimits,
                Long.parseLong(single.getOrDefault("shm", "67108864")), cgroups, cgroupFs,
                Boolean.parseBoolean(single.get("init")));
    }

    /**
     * One "cap" line per bit number: the names (and "ALL") are resolved here, by the one table in
     * {@link Capabilities}, so the C stage needs none. An unknown name fails here, before a launch.
     */
    static void capabilityNumbers(StringBuilder out, List<String> capabilities) {
        Capabilities.numbers(capabilities).forEach(bit -> line(out, "cap", bit.toString()));
    }

    static void line(StringBuilder out, String key, String... values) {
        out.append(key);
        for (String value : values) {
            out.append('\t').append(escape(value == null ? "" : value));
        }
        out.append('\n');
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n");
    }

    private static String unescape(String value) {
        if (value.indexOf('\\') < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                char next = value.charAt(++i);
                out.append(next == 't' ? '\t' : next == 'n' ? '\n' : next);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
