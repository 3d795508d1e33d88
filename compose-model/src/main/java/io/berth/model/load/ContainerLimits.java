package io.berth.model.load;

import io.berth.model.GoDuration;
import io.berth.model.tree.ComposePath;
import io.berth.model.tree.Problems;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Values Docker Compose reads without complaint but that the container engine refuses when it
 * creates or starts the container (Docker's daemon, runc, the kernel). Berth refuses them when
 * loading, with their position, so that a refused {@code up} has made nothing (no network created
 * before the container that fails).
 */
final class ContainerLimits {
    /** The names Docker (and Berth's runtime) gives containers. */
    private static final Pattern CONTAINER_NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");
    private static final Pattern CPU_LIST = Pattern.compile("(\\d+)(-(\\d+))?");
    /** 6 MiB: Docker's smallest memory limit. */
    private static final long MIN_MEMORY = 6L * 1024 * 1024;
    /** The longest host or domain name the kernel takes (HOST_NAME_MAX), in bytes. */
    static final int HOST_NAME_MAX = 64;
    private static final List<String> HEALTHCHECK_DURATIONS = List.of("interval", "timeout", "start_period", "start_interval");

    private final Problems problems;

    ContainerLimits(Problems problems) {
        this.problems = problems;
    }

    void check(Map<String, Object> service, ComposePath at) {
        Long scale = Values.integer(service.get("scale"));
        if (scale != null && scale < 0) {
            problems.add(at.key("scale"), "must be a whole number of at least 0, got " + scale);
        }
        notNegativeCpus(service.get("cpus"), at.key("cpus"));
        if (service.get("deploy") instanceof Map<?, ?> deploy && deploy.get("resources") instanceof Map<?, ?> resources) {
            for (String kind : List.of("limits", "reservations")) {
                if (resources.get(kind) instanceof Map<?, ?> limits) {
                    notNegativeCpus(limits.get("cpus"), at.key("deploy").key("resources").key(kind).key("cpus"));
                }
            }
        }
        if (service.get("container_name") instanceof String name && !CONTAINER_NAME.matcher(name).matches()) {
            problems.add(at.key("container_name"), "invalid container name \"" + printable(name)
                    + "\" (it starts with a letter or digit, then letters, digits, '.', '_' or '-')");
        }
        for (String key : List.of("hostname", "domainname")) {
            if (service.get(key) instanceof String name && name.getBytes(StandardCharsets.UTF_8).length > HOST_NAME_MAX) {
                problems.add(at.key(key), "is " + name.getBytes(StandardCharsets.UTF_8).length
                        + " bytes long, at most " + HOST_NAME_MAX + " are allowed (the kernel's limit for host names)");
            }
        }
        if (service.get("cpuset") instanceof String cpuset && !cpuset.isBlank() && !validCpuList(cpuset)) {
            problems.add(at.key("cpuset"), "invalid CPU list \"" + printable(cpuset)
                    + "\" (expected CPU numbers and ranges, e.g. 0-3,6)");
        }
        if (service.get("healthcheck") instanceof Map<?, ?> healthcheck) {
            for (String key : HEALTHCHECK_DURATIONS) {
                healthcheckDuration(healthcheck.get(key), at.key("healthcheck").key(key));
            }
        }
        if (service.get("volumes") instanceof List<?> volumes) {
            for (int i = 0; i < volumes.size(); i++) {
                if (volumes.get(i) instanceof Map<?, ?> volume && volume.get("target") instanceof String target) {
                    mountTarget(target, at.key("volumes").index(i));
                }
            }
        }
        if (service.get("tmpfs") instanceof List<?> tmpfs) {
            for (int i = 0; i < tmpfs.size(); i++) {
                String target = String.valueOf(tmpfs.get(i)).split(":", 2)[0];
                mountTarget(target.length() > 1 && target.endsWith("/") ? target.substring(0, target.length() - 1) : target,
                        at.key("tmpfs").index(i));
            }
        }
        if (service.get("working_dir") instanceof String directory && !directory.isEmpty() && !directory.startsWith("/")) {
            problems.add(at.key("working_dir"), "\"" + printable(directory)
                    + "\" is not an absolute path (a container's working directory starts with /)");
        }
        if (service.get("dns") instanceof List<?> servers) {
            for (int i = 0; i < servers.size(); i++) {
                String server = String.valueOf(servers.get(i));
                if (!IpAddresses.isLiteral(server)) {
                    problems.add(at.key("dns").index(i), "\"" + printable(server)
                            + "\" is not an IP address (a DNS server is given by its address)");
                }
            }
        }
        memoryLimit(service.get("mem_limit"), at.key("mem_limit"));
        if (service.get("deploy") instanceof Map<?, ?> deploy && deploy.get("resources") instanceof Map<?, ?> resources
                && resources.get("limits") instanceof Map<?, ?> limits) {
            memoryLimit(limits.get("memory"), at.key("deploy").key("resources").key("limits").key("memory"));
        }
        if (service.get("ulimits") instanceof Map<?, ?> ulimits) {
            Values.map(ulimits).forEach((name, limit) -> {
                if (limit instanceof Map<?, ?> range) {
                    Long soft = Values.integer(range.get("soft"));
                    Long hard = Values.integer(range.get("hard"));
                    if (soft != null && hard != null && soft > hard && hard >= 0) {
                        problems.add(at.key("ulimits").key(name), "soft limit " + soft
                                + " is greater than hard limit " + hard + " (soft must be at most hard)");
                    }
                }
            });
        }
    }

    /** Docker's smallest memory limit; a container under it dies before its command runs. */
    private void memoryLimit(Object value, ComposePath path) {
        if (value == null) {
            return;
        }
        long bytes;
        try {
            bytes = value instanceof Long number ? number : io.berth.model.ByteSize.parse(Values.text(value)).bytes();
        } catch (IllegalArgumentException e) {
            return; // reported by the canonical phase
        }
        if (bytes > 0 && bytes < MIN_MEMORY) {
            problems.add(path, "must be at least 6m (Docker's smallest memory limit), got " + bytes + " bytes");
        }
    }

    private void notNegativeCpus(Object value, ComposePath path) {
        Double cpus = value instanceof Number number ? Double.valueOf(number.doubleValue()) : null;
        if (value instanceof String text) {
            try {
                cpus = Double.parseDouble(text.strip());
            } catch (NumberFormatException e) {
                return; // reported by the typed phase
            }
        }
        if (cpus != null && cpus < 0) {
            problems.add(path, "must be at least 0 (0 means no limit), got " + Values.text(value));
        }
    }

    /** Docker refuses a negative duration, and a positive one under a millisecond (0 is the default). */
    private void healthcheckDuration(Object value, ComposePath path) {
        if (value == null) {
            return;
        }
        Duration duration;
        try {
            duration = GoDuration.parseValue(value);
        } catch (IllegalArgumentException e) {
            return; // reported by the canonical phase
        }
        if (duration.isNegative() || !duration.isZero() && duration.compareTo(Duration.ofMillis(1)) < 0) {
            problems.add(path, "must be 0 (the default) or at least 1ms, got " + Values.text(value));
        }
    }

    private void mountTarget(String target, ComposePath path) {
        if (target.equals("/")) {
            problems.add(path, "the container's root / cannot be a mount target (mount into a directory, e.g. /data)");
        } else if (target.equals("/proc")) {
            problems.add(path, "/proc cannot be a mount target (the container's own /proc is mounted there)");
        }
    }

    private static boolean validCpuList(String cpuset) {
        for (String part : cpuset.split(",", -1)) {
            java.util.regex.Matcher range = CPU_LIST.matcher(part.strip());
            if (!range.matches()) {
                return false;
            }
            try {
                if (range.group(3) != null && Integer.parseInt(range.group(1)) > Integer.parseInt(range.group(3))) {
                    return false;
                }
            } catch (NumberFormatException e) {
                return false; // more digits than any machine has CPUs
            }
        }
        return true;
    }

    /** Control characters written as Java escapes, so that the message shows what the name holds. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(point -> {
            if (Character.isISOControl(point)) {
                out.append(String.format("\\u%04x", point));
            } else {
                out.appendCodePoint(point);
            }
        });
        return out.toString();
    }
}
