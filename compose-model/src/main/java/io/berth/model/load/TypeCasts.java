package io.berth.model.load;

import io.berth.model.tree.ComposePath;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * After interpolation, Docker Compose v2 turns the strings found at some paths into the number or
 * boolean the attribute holds (compose-go's interpolation casts), whether or not they held a
 * variable: {@code cpus: "0.5"} is printed 0.5, {@code mode: "0440"} 440 (decimal, as Go's Atoi),
 * and a string that does not read so is refused ({@code cpu_period: 100ms}).
 */
final class TypeCasts {
    enum Kind { INTEGER, FLOAT, BOOLEAN }

    private static final Map<String, Kind> BY_PATTERN = Map.ofEntries(
            service("configs.[].mode", Kind.INTEGER), service("secrets.[].mode", Kind.INTEGER),
            service("cpu_count", Kind.INTEGER), service("cpu_percent", Kind.FLOAT),
            service("cpu_period", Kind.INTEGER), service("cpu_quota", Kind.INTEGER),
            service("cpu_rt_period", Kind.INTEGER), service("cpu_rt_runtime", Kind.INTEGER),
            service("cpus", Kind.FLOAT), service("cpu_shares", Kind.INTEGER),
            service("init", Kind.BOOLEAN), service("oom_kill_disable", Kind.BOOLEAN),
            service("oom_score_adj", Kind.INTEGER), service("pids_limit", Kind.INTEGER),
            service("privileged", Kind.BOOLEAN), service("read_only", Kind.BOOLEAN),
            service("stdin_open", Kind.BOOLEAN), service("tty", Kind.BOOLEAN),
            service("scale", Kind.INTEGER), service("ports.[].target", Kind.INTEGER),
            service("deploy.replicas", Kind.INTEGER),
            service("deploy.update_config.parallelism", Kind.INTEGER),
            service("deploy.update_config.max_failure_ratio", Kind.FLOAT),
            service("deploy.rollback_config.parallelism", Kind.INTEGER),
            service("deploy.rollback_config.max_failure_ratio", Kind.FLOAT),
            service("deploy.restart_policy.max_attempts", Kind.INTEGER),
            service("deploy.placement.max_replicas_per_node", Kind.INTEGER),
            service("healthcheck.retries", Kind.INTEGER), service("healthcheck.disable", Kind.BOOLEAN),
            service("ulimits.*", Kind.INTEGER), service("ulimits.*.hard", Kind.INTEGER),
            service("ulimits.*.soft", Kind.INTEGER),
            service("volumes.[].read_only", Kind.BOOLEAN), service("volumes.[].volume.nocopy", Kind.BOOLEAN),
            Map.entry("networks.*.external", Kind.BOOLEAN), Map.entry("networks.*.internal", Kind.BOOLEAN),
            Map.entry("networks.*.attachable", Kind.BOOLEAN), Map.entry("networks.*.enable_ipv6", Kind.BOOLEAN),
            Map.entry("volumes.*.external", Kind.BOOLEAN), Map.entry("secrets.*.external", Kind.BOOLEAN),
            Map.entry("configs.*.external", Kind.BOOLEAN));
    private static final List<String> TRUE = List.of("y", "yes", "true", "on");
    private static final List<String> FALSE = List.of("n", "no", "false", "off");

    private TypeCasts() {
    }

    private static Map.Entry<String, Kind> service(String rest, Kind kind) {
        return Map.entry("services.*." + rest, kind);
    }

    /** The kind the string at this path is cast to, or null when it stays a string. */
    static Kind at(ComposePath path) {
        if (path.size() < 2) {
            return null;
        }
        String pattern = path.pattern();
        Kind exact = BY_PATTERN.get(pattern);
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<String, Kind> entry : BY_PATTERN.entrySet()) {
            if (entry.getKey().contains("*") && path.matches(entry.getKey())) {
                return entry.getValue();
            }
        }
        return null;
    }

    /** The cast value, or null when the text does not read as the kind. */
    static Object cast(String text, Kind kind) {
        try {
            return switch (kind) {
                case INTEGER -> Long.parseLong(text.startsWith("+") ? text.substring(1) : text);
                case FLOAT -> castFloat(text);
                case BOOLEAN -> TRUE.contains(text.toLowerCase(Locale.ROOT)) ? Boolean.TRUE
                        : FALSE.contains(text.toLowerCase(Locale.ROOT)) ? Boolean.FALSE : null;
            };
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Double castFloat(String text) {
        if (!text.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
            throw new NumberFormatException(text); // Go's ParseFloat, without hex and inf forms
        }
        double number = Double.parseDouble(text);
        if (Double.isInfinite(number)) {
            throw new NumberFormatException(text); // Go's ParseFloat: value out of range
        }
        return number;
    }

    static String expected(Kind kind) {
        return switch (kind) {
            case INTEGER -> "a whole number"; // as the typed phase says it
            case FLOAT -> "a number";
            case BOOLEAN -> "a boolean (true or false)";
        };
    }
}
