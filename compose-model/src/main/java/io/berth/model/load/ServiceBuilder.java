package io.berth.model.load;

import io.berth.model.BuildConfig;
import io.berth.model.DependsOn;
import io.berth.model.EnvFile;
import io.berth.model.FileReference;
import io.berth.model.Healthcheck;
import io.berth.model.Logging;
import io.berth.model.PortConfig;
import io.berth.model.Service;
import io.berth.model.ServiceHook;
import io.berth.model.ServiceNetwork;
import io.berth.model.ServiceVolume;
import io.berth.model.Ulimit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One canonical service mapping into a {@link Service} record. */
final class ServiceBuilder {
    Service service(String name, Fields f) {
        Fields deploy = f.child("deploy");
        Fields limits = deploy.child("resources").child("limits");
        Fields reservations = deploy.child("resources").child("reservations");
        Long replicas = deploy.number("replicas");
        if (replicas == null) {
            replicas = f.number("scale");
        }
        Long memLimit = f.has("mem_limit") ? f.bytes("mem_limit") : limits.bytes("memory");
        Long memReservation = f.has("mem_reservation") ? f.bytes("mem_reservation") : reservations.bytes("memory");
        Double cpus = f.has("cpus") ? f.decimal("cpus") : limits.decimal("cpus");
        Long pidsLimit = f.has("pids_limit") ? f.number("pids_limit") : limits.number("pids");
        return new Service(name, f.strings("profiles"), f.string("image"), build(f), f.string("pull_policy"),
                f.string("platform"), f.stringsOrNull("command"), f.stringsOrNull("entrypoint"),
                environment(f), envFiles(f), ports(f), f.strings("expose"), volumes(f), f.strings("tmpfs"),
                networks(f), f.string("network_mode"), dependsOn(f), f.strings("links"), f.strings("external_links"),
                f.strings("volumes_from"), f.string("ipc"), f.string("pid"), f.string("hostname"),
                f.string("domainname"), f.string("container_name"), f.string("user"), f.string("working_dir"),
                f.stringMap("labels"), f.stringMap("annotations"), healthcheck(f), restart(f, deploy),
                f.string("stop_signal"), f.duration("stop_grace_period"), f.flag("read_only"), f.strings("cap_add"),
                f.strings("cap_drop"), f.flag("privileged"), f.strings("security_opt"), extraHosts(f), f.strings("dns"),
                f.strings("dns_search"), f.strings("dns_opt"), f.stringMap("sysctls"), ulimits(f), memLimit,
                memReservation, f.bytes("memswap_limit"), cpus, f.number("cpu_shares"), f.string("cpuset"), pidsLimit,
                f.bytes("shm_size"), replicas == null ? null : (int) (long) replicas, f.optionalFlag("init"),
                f.flag("tty"), f.flag("stdin_open"), f.strings("group_add"), references(f, "secrets"),
                references(f, "configs"), logging(f), deviceList(f), f.string("mac_address"),
                f.integer("oom_score_adj"), f.string("cgroup_parent"), f.string("userns_mode"), hooks(f, "post_start"),
                hooks(f, "pre_stop"), f.strings("device_cgroup_rules"), DeployReader.read(f),
                f.extensions(), attributes(f));
    }

    /**
     * {@code deploy.restart_policy} over {@code restart}, as Docker Compose v2 maps it (condition
     * none/no, on-failure with max_attempts, unless-stopped, any/always); delay and window, which
     * only a swarm uses, are left out as Compose leaves them.
     */
    private static String restart(Fields f, Fields deploy) {
        if (!deploy.has("restart_policy")) {
            return f.string("restart");
        }
        Fields policy = deploy.child("restart_policy");
        String condition = policy.string("condition");
        Long attempts = policy.number("max_attempts");
        if (condition == null || condition.equals("any") || condition.equals("always")) {
            return "always";
        }
        return switch (condition) {
            case "none", "no" -> "no";
            case "on-failure" -> attempts == null || attempts == 0 ? "on-failure" : "on-failure:" + attempts;
            default -> condition;
        };
    }

    /** Set keys and their scalar text, with those under deploy, its resources and build as dotted paths. */
    private static java.util.SortedMap<String, String> attributes(Fields f) {
        java.util.SortedMap<String, String> out = new java.util.TreeMap<>(f.keys());
        Fields deploy = f.child("deploy");
        deploy.keys().forEach((key, text) -> out.put("deploy." + key, text));
        for (String kind : List.of("limits", "reservations")) {
            deploy.child("resources").child(kind).keys()
                    .forEach((key, text) -> out.put("deploy.resources." + kind + "." + key, text));
        }
        f.child("build").keys().forEach((key, text) -> out.put("build." + key, text));
        return out;
    }

    /** {@code devices}: short form as written, long form joined as {@code source:target[:permissions]}. */
    private static List<String> deviceList(Fields f) {
        List<String> out = new ArrayList<>();
        if (f.raw("devices") instanceof List<?> entries) {
            List<Fields> fields = f.each("devices");
            for (int i = 0; i < entries.size(); i++) {
                if (entries.get(i) instanceof Map<?, ?>) {
                    Fields device = fields.get(i);
                    String target = device.has("target") ? device.string("target") : device.string("source");
                    out.add(device.string("source") + ":" + target + ":"
                            + (device.has("permissions") ? device.string("permissions") : "rwm"));
                } else {
                    out.add(Values.text(entries.get(i)));
                }
            }
        }
        return List.copyOf(out);
    }

    private static BuildConfig build(Fields f) {
        if (!f.has("build")) {
            return null;
        }
        Fields b = f.child("build");
        return new BuildConfig(b.string("context"), b.string("dockerfile"), b.string("dockerfile_inline"),
                b.stringMap("args"), b.string("target"), b.stringMap("labels"), b.strings("cache_from"),
                b.strings("cache_to"), b.strings("tags"), b.strings("platforms"), b.string("network"),
                b.bytes("shm_size"), b.flag("no_cache"), b.flag("pull"), b.stringMap("additional_contexts"),
                BuildSyntax.sshKeys(b.raw("ssh")), references(b, "secrets"), b.strings("extra_hosts"), ulimits(b), b.flag("privileged"),
                b.string("isolation"), b.strings("entitlements"));
    }

    private static Map<String, String> environment(Fields f) {
        Map<String, String> out = new LinkedHashMap<>();
        if (f.raw("environment") instanceof Map<?, ?> map) {
            map.forEach((key, value) -> out.put(String.valueOf(key), Values.text(value)));
        }
        return Collections.unmodifiableMap(out);
    }

    private static List<EnvFile> envFiles(Fields f) {
        List<EnvFile> out = new ArrayList<>();
        f.each("env_file").forEach(e -> out.add(new EnvFile(e.string("path"), !Boolean.FALSE.equals(e.optionalFlag("required")), e.string("format"))));
        return List.copyOf(out);
    }

    private static List<PortConfig> ports(Fields f) {
        List<PortConfig> out = new ArrayList<>();
        for (Fields p : f.each("ports")) {
            Long target = p.number("target");
            out.add(new PortConfig(p.string("name"), p.string("mode"), p.string("host_ip"), target == null ? 0 : (int) (long) target,
                    p.string("published"), p.string("protocol"), p.string("app_protocol")));
        }
        return List.copyOf(out);
    }

    private static List<ServiceVolume> volumes(Fields f) {
        List<ServiceVolume> out = new ArrayList<>();
        for (Fields v : f.each("volumes")) {
            Fields bind = v.child("bind");
            Fields volume = v.child("volume");
            Fields tmpfs = v.child("tmpfs");
            out.add(new ServiceVolume(v.string("type"), v.string("source"), v.string("target"), v.flag("read_only"),
                    v.string("consistency"),
                    v.has("bind") ? new ServiceVolume.BindOptions(bind.string("propagation"), bind.optionalFlag("create_host_path"), bind.string("selinux")) : null,
                    v.has("volume") ? new ServiceVolume.VolumeOptions(volume.flag("nocopy"), volume.string("subpath")) : null,
                    v.has("tmpfs") ? new ServiceVolume.TmpfsOptions(tmpfs.bytes("size"), tmpfs.integer("mode")) : null));
        }
        return List.copyOf(out);
    }

    private static Map<String, ServiceNetwork> networks(Fields f) {
        Map<String, ServiceNetwork> out = new LinkedHashMap<>();
        f.entries("networks").forEach((name, n) -> out.put(name, n.raw("aliases") == null && !n.has("ipv4_address")
                && !n.has("ipv6_address") && !n.has("priority") && !n.has("mac_address") && !n.has("driver_opts")
                && !n.has("link_local_ips") ? ServiceNetwork.DEFAULT
                : new ServiceNetwork(n.strings("aliases"), n.string("ipv4_address"), n.string("ipv6_address"),
                        n.strings("link_local_ips"), n.string("mac_address"), n.integer("priority"), n.stringMap("driver_opts"))));
        return Collections.unmodifiableMap(out);
    }

    private static Map<String, DependsOn> dependsOn(Fields f) {
        Map<String, DependsOn> out = new LinkedHashMap<>();
        f.entries("depends_on").forEach((name, d) -> out.put(name, new DependsOn(d.string("condition"), d.flag("restart"),
                !Boolean.FALSE.equals(d.optionalFlag("required")))));
        return Collections.unmodifiableMap(out);
    }

    private static Healthcheck healthcheck(Fields f) {
        if (!f.has("healthcheck")) {
            return null;
        }
        Fields h = f.child("healthcheck");
        return new Healthcheck(h.strings("test"), h.duration("interval"), h.duration("timeout"), h.duration("start_period"),
                h.duration("start_interval"), h.integer("retries"), h.flag("disable"));
    }

    private static Map<String, List<String>> extraHosts(Fields f) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String entry : f.strings("extra_hosts")) {
            int equals = entry.indexOf('=');
            out.computeIfAbsent(entry.substring(0, equals), host -> new ArrayList<>()).add(entry.substring(equals + 1));
        }
        out.replaceAll((host, addresses) -> List.copyOf(addresses));
        return Collections.unmodifiableMap(out);
    }

    private static Map<String, Ulimit> ulimits(Fields f) {
        Map<String, Ulimit> out = new LinkedHashMap<>();
        if (f.raw("ulimits") instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                String name = String.valueOf(key);
                if (value instanceof Map<?, ?>) {
                    Fields limit = f.child("ulimits").child(name);
                    Long soft = limit.number("soft");
                    Long hard = limit.number("hard");
                    out.put(name, new Ulimit(soft == null ? 0 : soft, hard == null ? 0 : hard));
                } else {
                    Long single = f.child("ulimits").number(name);
                    out.put(name, new Ulimit(single == null ? 0 : single, single == null ? 0 : single));
                }
            });
        }
        return Collections.unmodifiableMap(out);
    }

    private static List<FileReference> references(Fields f, String kind) {
        List<FileReference> out = new ArrayList<>();
        for (Fields r : f.each(kind)) {
            Long mode = r.raw("mode") instanceof String text ? parseOctal(text) : r.number("mode");
            out.add(new FileReference(r.string("source"), r.string("target"), r.string("uid"), r.string("gid"),
                    mode == null ? null : (int) (long) mode));
        }
        return List.copyOf(out);
    }

    private static Long parseOctal(String text) {
        try {
            return Long.parseLong(text, 8);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** {@code post_start}/{@code pre_stop}: already canonical (command a list, environment a map). */
    private static List<ServiceHook> hooks(Fields f, String key) {
        List<ServiceHook> out = new ArrayList<>();
        for (Fields hook : f.each(key)) {
            Map<String, String> environment = new LinkedHashMap<>();
            if (hook.raw("environment") instanceof Map<?, ?> map) {
                map.forEach((name, value) -> environment.put(String.valueOf(name), value == null ? null : Values.text(value)));
            }
            out.add(new ServiceHook(hook.strings("command"), hook.string("user"), hook.flag("privileged"),
                    hook.string("working_dir"), environment));
        }
        return List.copyOf(out);
    }

    private static Logging logging(Fields f) {
        if (!f.has("logging")) {
            return null;
        }
        Fields l = f.child("logging");
        return new Logging(l.string("driver"), l.stringMap("options"));
    }
}
