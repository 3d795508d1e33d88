package io.berth.model.load;

import io.berth.model.tree.ComposePath;
import io.berth.model.tree.Problems;
import io.berth.model.yaml.Tagged;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Unknown keys, with a "did you mean" suggestion. The attribute names are the Compose
 * Specification's; {@code x-} keys are accepted anywhere.
 */
public final class KnownKeys {
    static final Set<String> TOP = Set.of("version", "name", "include", "services", "networks", "volumes", "secrets", "configs");
    /** Every service attribute of the Compose Specification that Berth's model accepts. */
    public static final Set<String> SERVICE = Set.of("annotations", "attach", "blkio_config", "build", "cap_add", "cap_drop",
            "cgroup", "cgroup_parent", "command", "configs", "container_name", "cpu_count", "cpu_percent", "cpu_period",
            "cpu_quota", "cpu_rt_period", "cpu_rt_runtime", "cpu_shares", "cpus", "cpuset", "credential_spec",
            "depends_on", "deploy", "develop", "device_cgroup_rules", "devices", "dns", "dns_opt", "dns_search",
            "domainname", "entrypoint", "env_file", "environment", "expose", "extends", "external_links",
            "extra_hosts", "gpus", "group_add", "healthcheck", "hostname", "image", "init", "ipc", "isolation", "labels", "label_file",
            "links", "logging", "mac_address", "mem_limit", "mem_reservation", "mem_swappiness", "memswap_limit",
            "network_mode", "networks", "oom_kill_disable", "oom_score_adj", "pid", "pids_limit", "platform", "ports",
            "post_start", "pre_stop", "privileged", "profiles", "pull_policy", "read_only", "restart", "runtime",
            "scale", "secrets", "security_opt", "shm_size", "stdin_open", "stop_grace_period", "stop_signal",
            "storage_opt", "sysctls", "tmpfs", "tty", "ulimits", "user", "userns_mode", "uts", "volumes",
            "volumes_from", "working_dir");
    static final Set<String> BUILD = Set.of("context", "dockerfile", "dockerfile_inline", "args", "ssh", "labels",
            "cache_from", "cache_to", "no_cache", "additional_contexts", "network", "pull", "target", "shm_size",
            "extra_hosts", "isolation", "privileged", "secrets", "tags", "ulimits", "platforms", "entitlements");
    static final Set<String> HEALTHCHECK = Set.of("test", "interval", "timeout", "retries", "start_period",
            "start_interval", "disable");
    static final Set<String> NETWORK = Set.of("name", "driver", "driver_opts", "ipam", "external", "internal",
            "attachable", "enable_ipv4", "enable_ipv6", "labels");
    static final Set<String> VOLUME = Set.of("name", "driver", "driver_opts", "external", "labels");
    static final Set<String> FILE_OBJECT = Set.of("name", "file", "environment", "content", "external", "labels",
            "driver", "driver_opts", "template_driver");
    static final Set<String> SERVICE_VOLUME = Set.of("type", "source", "target", "read_only", "consistency", "bind",
            "volume", "tmpfs", "image");
    static final Set<String> PORT = Set.of("name", "mode", "host_ip", "target", "published", "protocol", "app_protocol");
    static final Set<String> DEPENDS_ON = Set.of("condition", "restart", "required");
    static final Set<String> SERVICE_NETWORK = Set.of("aliases", "ipv4_address", "ipv6_address", "link_local_ips",
            "mac_address", "priority", "driver_opts", "gw_priority");
    static final Set<String> EXTENDS = Set.of("service", "file");
    static final Set<String> LOGGING = Set.of("driver", "options");
    public static final Set<String> DEPLOY = Set.of("mode", "replicas", "labels", "update_config", "rollback_config",
            "resources", "restart_policy", "placement", "endpoint_mode");
    static final Set<String> RESOURCES = Set.of("limits", "reservations");
    public static final Set<String> LIMITS = Set.of("cpus", "memory", "pids", "devices", "generic_resources");
    static final Set<String> FILE_REFERENCE = Set.of("source", "target", "uid", "gid", "mode");
    static final Set<String> ENV_FILE = Set.of("path", "required", "format");
    static final Set<String> INCLUDE = Set.of("path", "project_directory", "env_file");

    /** Service attributes the Compose schema types as strings only: a number or boolean there is an error. */
    static final Set<String> STRING_ONLY = Set.of("image", "user", "container_name", "hostname", "domainname",
            "restart", "network_mode", "working_dir", "stop_signal", "platform", "pull_policy", "ipc", "pid",
            "cgroup_parent", "userns_mode", "runtime", "mac_address", "isolation", "uts", "cgroup");

    private final Problems problems;

    KnownKeys(Problems problems) {
        this.problems = problems;
    }

    void check(Map<String, Object> file) {
        keys(file, ComposePath.ROOT, TOP);
        each(file.get("include"), ComposePath.ROOT.key("include"), INCLUDE);
        children(file.get("services"), ComposePath.ROOT.key("services")).forEach((name, service) -> {
            ComposePath at = ComposePath.ROOT.key("services").key(name);
            Map<String, Object> fields = keys(service, at, SERVICE);
            if (fields == null) {
                return;
            }
            fields.forEach((key, value) -> {
                if (STRING_ONLY.contains(key) && (value instanceof Number || value instanceof Boolean)) {
                    problems.add(at.key(key), "must be a string (write \"" + value + "\" in quotes)");
                }
            });
            keys(fields.get("build"), at.key("build"), BUILD);
            keys(fields.get("healthcheck"), at.key("healthcheck"), HEALTHCHECK);
            keys(fields.get("extends"), at.key("extends"), EXTENDS);
            keys(fields.get("logging"), at.key("logging"), LOGGING);
            each(fields.get("volumes"), at.key("volumes"), SERVICE_VOLUME);
            each(fields.get("ports"), at.key("ports"), PORT);
            each(fields.get("secrets"), at.key("secrets"), FILE_REFERENCE);
            each(fields.get("configs"), at.key("configs"), FILE_REFERENCE);
            each(fields.get("env_file"), at.key("env_file"), ENV_FILE);
            Map<String, Object> deploy = keys(fields.get("deploy"), at.key("deploy"), DEPLOY);
            if (deploy != null) {
                mapping(deploy.get("resources"), at.key("deploy").key("resources"), false);
                Map<String, Object> resources = keys(deploy.get("resources"), at.key("deploy").key("resources"), RESOURCES);
                if (resources != null) {
                    for (String kind : List.of("limits", "reservations")) {
                        mapping(resources.get(kind), at.key("deploy").key("resources").key(kind), false);
                        keys(resources.get(kind), at.key("deploy").key("resources").key(kind), LIMITS);
                    }
                }
            }
            children(fields.get("depends_on"), at.key("depends_on")).forEach((dependency, value) -> {
                mapping(value, at.key("depends_on").key(dependency), true); // Compose: "must be a mapping", even null
                keys(value, at.key("depends_on").key(dependency), DEPENDS_ON);
            });
            children(fields.get("networks"), at.key("networks")).forEach((network, value) -> {
                mapping(value, at.key("networks").key(network), false);
                keys(value, at.key("networks").key(network), SERVICE_NETWORK);
            });
            if (children(fields.get("develop"), at.key("develop")).get("watch") instanceof List<?> rules) {
                mappings(rules, at.key("develop").key("watch"));
            }
            if (fields.get("gpus") instanceof List<?> requests) {
                mappings(requests, at.key("gpus"));
            }
            if (children(fields.get("blkio_config"), at.key("blkio_config")).get("weight_device") instanceof List<?> devices) {
                mappings(devices, at.key("blkio_config").key("weight_device"));
            }
            for (String key : List.of("environment", "sysctls", "labels", "annotations", "extra_hosts")) {
                noNullEntries(fields.get(key), at.key(key));
            }
            noNullEntries(children(fields.get("build"), at.key("build")).get("args"), at.key("build").key("args"));
        });
        Object projectName = file.get("name");
        if (projectName instanceof Map || projectName instanceof List) {
            problems.add(ComposePath.ROOT.key("name"), "must be a string");
        }
        Object include = file.get("include") instanceof Tagged tagged ? tagged.value() : file.get("include");
        if (include instanceof Map) {
            problems.add(ComposePath.ROOT.key("include"), "must be a list (of files, or of mappings with path:)");
        }
        for (String kind : List.of("networks", "volumes", "secrets", "configs")) {
            Set<String> allowed = kind.equals("networks") ? NETWORK : kind.equals("volumes") ? VOLUME : FILE_OBJECT;
            children(file.get(kind), ComposePath.ROOT.key(kind))
                    .forEach((name, value) -> keys(value, ComposePath.ROOT.key(kind).key(name), allowed));
        }
    }

    /** Where the schema wants a mapping: a list or scalar there is an error (null too, when {@code nullToo}). */
    private void mapping(Object value, ComposePath at, boolean nullToo) {
        if (value instanceof Tagged) {
            return; // !reset / !override: a merge directive, judged after the merge
        }
        if (value == null ? nullToo : !(value instanceof Map)) {
            problems.add(at, "must be a mapping");
        }
    }

    private void mappings(List<?> entries, ComposePath at) {
        for (int i = 0; i < entries.size(); i++) {
            mapping(entries.get(i), at.index(i), true);
        }
    }

    /** A list of KEY=VALUE strings may hold no empty entry (Compose: "unexpected type <nil>"). */
    private void noNullEntries(Object value, ComposePath at) {
        if (value instanceof List<?> entries) {
            for (int i = 0; i < entries.size(); i++) {
                if (entries.get(i) == null) {
                    problems.add(at.index(i), "must be a string (KEY=VALUE), not empty");
                }
            }
        }
    }

    private void each(Object value, ComposePath at, Set<String> allowed) {
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                keys(list.get(i), at.index(i), allowed);
            }
        }
    }

    private static Map<String, Object> children(Object value, ComposePath at) {
        Object unwrapped = value instanceof Tagged tagged ? tagged.value() : value;
        return unwrapped instanceof Map<?, ?> map ? Values.map(map) : Map.of();
    }

    private Map<String, Object> keys(Object value, ComposePath at, Set<String> allowed) {
        Object unwrapped = value instanceof Tagged tagged ? tagged.value() : value;
        if (!(unwrapped instanceof Map<?, ?> map)) {
            return null;
        }
        for (Object key : map.keySet()) {
            String name = String.valueOf(key);
            if (!allowed.contains(name) && !name.startsWith("x-")) {
                String suggestion = Suggestions.closest(name, allowed);
                problems.add(at.key(name), "unknown attribute \"" + name + "\""
                        + (suggestion == null ? "" : " (did you mean \"" + suggestion + "\"?)"));
            }
        }
        return Values.map(map);
    }
}
