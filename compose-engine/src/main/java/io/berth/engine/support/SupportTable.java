package io.berth.engine.support;

import static io.berth.engine.support.KeySupport.Level.DIFFERS;
import static io.berth.engine.support.KeySupport.Level.REFUSE;
import static io.berth.engine.support.KeySupport.Level.SWARM_ONLY;
import static io.berth.engine.support.KeySupport.Level.WARN;
import static io.berth.engine.support.KeySupport.Level.WORKS;

import java.util.Map;
import java.util.TreeMap;

/**
 * What Berth does with every service attribute: the one table the support check
 * ({@link UnsupportedKeys}) and docs/compose-support.md (generated from it by a test) read.
 * An attribute missing here that the model accepts fails {@code SupportTableTest}.
 * Attributes whose support depends on the value (cgroup: host, ipc: service:x, ...) are WORKS here
 * and checked by value in {@link UnsupportedKeys}; the note says which values are refused.
 */
public final class SupportTable {
    private static final Map<String, KeySupport> TABLE = new TreeMap<>();

    static {
        differs("annotations", "accepted and kept in the configuration; the container carries no OCI annotations (nothing in it changes)");
        warn("attach", "every service's logs are attached by up");
        warn("blkio_config", "no block I/O limits");
        works("build", "see docs/images.md for the builder");
        works("cap_add", "");
        works("cap_drop", "");
        works("cgroup", "private (Berth's default: a cgroup namespace of its own); host is refused");
        warn("cgroup_parent", "containers live under Berth's own cgroup");
        works("command", "");
        works("configs", "file: bind-mounted read-only; content:, environment: and any uid/gid/mode served as a read-only copy on a tmpfs of the container's own (Docker Compose ignores uid/gid/mode of a file: with a warning)");
        works("container_name", "");
        warn("cpu_count", "Windows only");
        warn("cpu_percent", "Windows only");
        warn("cpu_period", "use cpus");
        warn("cpu_quota", "use cpus");
        warn("cpu_rt_period", "no real-time scheduling limits");
        warn("cpu_rt_runtime", "no real-time scheduling limits");
        works("cpu_shares", "");
        works("cpus", "");
        works("cpuset", "");
        warn("credential_spec", "Windows only");
        works("depends_on", "");
        works("deploy", "");
        warn("deploy.mode", "every service is replicated");
        works("deploy.replicas", "");
        works("deploy.resources", "");
        works("deploy.resources.limits.cpus", "");
        works("deploy.resources.limits.memory", "");
        works("deploy.resources.limits.pids", "");
        refuse("deploy.resources.limits.devices", "no device reservations");
        warn("deploy.resources.limits.generic_resources", "swarm only");
        warn("deploy.resources.reservations.cpus", "no CPU reservations");
        works("deploy.resources.reservations.memory", "the memory soft limit (v1 memory.soft_limit_in_bytes, v2 memory.low)");
        warn("deploy.resources.reservations.pids", "no pids reservations");
        refuse("deploy.resources.reservations.devices", "no GPU or device reservations");
        warn("deploy.resources.reservations.generic_resources", "swarm only");
        works("deploy.restart_policy", "condition and max_attempts, over restart:, as Docker Compose v2 maps them; delay and window are swarm only (ignored, as by Compose)");
        swarm("deploy.labels");
        swarm("deploy.placement");
        swarm("deploy.update_config");
        swarm("deploy.rollback_config");
        swarm("deploy.endpoint_mode");
        works("develop", "develop.watch by berth watch and up --watch (docs/watch.md): sync, sync+restart, sync+exec, restart, rebuild, initial_sync; include, ignore and the build context's .dockerignore honoured; changes batched over 20 ms (Compose: 500 ms)");
        works("device_cgroup_rules", "TYPE MAJOR:MINOR ACCESS (a, b or c; a number or *; some of rwm) added to the device cgroup (v1 devices.allow, where a rule of type a allows every device, as the kernel reads it; v2 the eBPF device filter); a malformed rule is refused");
        differs("devices", "the host's node is bind-mounted (Docker makes a node with mknod: the same device, owner and mode) and allowed in the device cgroup with its permissions");
        differs("dns", "the servers are written to /etc/resolv.conf as given; on a project network Docker lists its embedded DNS (127.0.0.11) there instead and forwards to them (Berth has no embedded DNS: peers are in /etc/hosts)");
        works("dns_opt", "");
        works("dns_search", "");
        works("domainname", "");
        works("entrypoint", "");
        works("env_file", "");
        works("environment", "");
        works("expose", "metadata, shown by ps as PORT/PROTOCOL (the image's EXPOSE ports are not shown)");
        works("extends", "");
        works("external_links", "");
        works("extra_hosts", "");
        refuse("gpus", "no GPU access");
        works("group_add", "");
        works("healthcheck", "");
        works("hostname", "");
        works("image", "");
        differs("init", "berth-init stays PID 1 (comm berth-init, where Docker shows docker-init), forwards signals to the command and reaps zombies");
        works("ipc", "private and shareable: a namespace of its own; host: the host's; service:x and container:x: x's (x must be running)");
        warn("isolation", "Windows only");
        works("labels", "");
        works("label_file", "the files' labels, under the service's own labels, as Compose");
        works("links", "");
        differs("logging", "json-file and local: a JSON log rotated by max-size/max-file (without max-size, Berth's default of 3 files of 10 MB, where Docker's json-file grows without bound); none: nothing kept, berth logs says so, and up shows nothing of the service (Docker Compose still shows the attached output); other drivers and options: a warning, the log is kept");
        warn("mac_address", "set mac_address under networks:");
        works("mem_limit", "");
        works("mem_reservation", "the memory soft limit (v1 memory.soft_limit_in_bytes, v2 memory.low)");
        warn("mem_swappiness", "no swappiness setting");
        works("memswap_limit", "unset with a memory limit: twice the limit (memory and swap), as Docker");
        works("network_mode", "service:x and container:x also share x's hostname, as Docker");
        works("networks", "");
        warn("oom_kill_disable", "the OOM killer stays enabled");
        works("oom_score_adj", "");
        works("pid", "host: the host's PID namespace; service:x and container:x: x's (x must be running)");
        works("pids_limit", "");
        works("platform", "the host's platform, chosen out of a multi-platform index on pull (an index without it, or an image whose config names another platform, is refused at pull); any other platform is refused by up: Berth runs images natively only. A loaded image of another platform is refused at creation with platform:, a warning without (as Docker)");
        works("ports", "");
        differs("post_start", "each hook an exec in the container after every start by up, start and restart (never after a restart by the restart policy, as Docker), in order; one exiting non-zero fails the command, the container keeps running, as Compose; the output is shown as NAME post_start: LINE, also with -d (Compose shows it only when attached)");
        differs("pre_stop", "each hook an exec in the running container before every stop by stop, down, restart, rm -s, a recreate or a scale-down, in order; one exiting non-zero fails the stop and the container keeps running, as Compose; the hooks are those the container was created with (Compose takes the current file's); the output is shown as NAME pre_stop: LINE");
        works("privileged", "");
        works("profiles", "");
        works("pull_policy", "");
        works("read_only", "");
        works("restart", "");
        refuse("runtime", "Berth is the runtime");
        works("scale", "");
        works("secrets", "file: bind-mounted read-only at /run/secrets/NAME; environment: and any uid/gid/mode served as a read-only copy on a tmpfs of the container's own (Docker Compose ignores uid/gid/mode of a file: with a warning)");
        differs("security_opt", "seccomp=unconfined and seccomp=FILE.json (relative to the project directory, Docker's JSON format) and no-new-privileges as Docker; by default Berth's own seccomp policy with the decisions of Docker's default; apparmor=unconfined and label=disable accepted (Berth loads no AppArmor or SELinux profile); anything else refused before anything is made");
        works("shm_size", "");
        works("stdin_open", "");
        works("stop_grace_period", "");
        works("stop_signal", "");
        warn("storage_opt", "no size limit on the writable layer");
        works("sysctls", "");
        works("tmpfs", "noexec, nosuid, nodev by default as Docker; exec, suid, dev, ro, uid=, gid=, size=, mode= given after them win");
        works("tty", "");
        works("ulimits", "");
        works("user", "");
        works("userns_mode", "host (Berth's only mode: no user namespace); any other is refused");
        works("uts", "private; host is refused");
        works("volumes", "");
        works("volumes_from", "");
        works("working_dir", "");
    }

    private SupportTable() {
    }

    /** Every attribute, in name order. */
    public static Map<String, KeySupport> all() {
        return java.util.Collections.unmodifiableMap(TABLE);
    }

    public static KeySupport of(String key) {
        return TABLE.get(key);
    }

    private static void put(String key, KeySupport.Level level, String note) {
        TABLE.put(key, new KeySupport(key, level, note));
    }

    private static void works(String key, String note) {
        put(key, WORKS, note);
    }

    private static void differs(String key, String note) {
        put(key, DIFFERS, note);
    }

    private static void swarm(String key) {
        put(key, SWARM_ONLY, "swarm only; Docker Compose ignores it too");
    }

    private static void warn(String key, String note) {
        put(key, WARN, note);
    }

    private static void refuse(String key, String note) {
        put(key, REFUSE, note);
    }
}
