package io.berth.model.load;

import io.berth.model.text.ShellWords;
import io.berth.model.ByteSize;
import io.berth.model.GoDuration;

import io.berth.model.tree.ComposePath;
import io.berth.model.tree.Problems;
import io.berth.model.tree.SourceMap;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Canonical phase for one service: every short syntax turned into the long one Docker Compose v2
 * prints ({@code transform/} in compose-go). Runs on each file before merge, so that merge rules
 * see one shape per attribute.
 */
final class ServiceSyntax {
    private static final Set<String> KEY_VALUE_MAPS = Set.of("labels", "annotations", "sysctls", "environment");
    private static final Set<String> STRING_LISTS = Set.of("expose", "dns", "dns_search", "dns_opt", "tmpfs",
            "cap_add", "cap_drop", "security_opt", "group_add", "links", "external_links", "volumes_from",
            "profiles", "device_cgroup_rules");
    private static final Set<String> STRING_OR_LIST = Set.of("dns", "dns_search", "tmpfs");
    /** Flags Compose prints only when true (omitempty). */
    private static final Set<String> FLAGS = Set.of("privileged", "tty", "stdin_open", "read_only", "oom_kill_disable");
    /** Flags Compose prints whenever set (pointers in compose-go). */
    private static final Set<String> OPTIONAL_FLAGS = Set.of("init");
    private static final Set<String> BYTE_SIZES = Set.of("mem_limit", "mem_reservation", "memswap_limit", "shm_size", "mem_swappiness");

    private final Problems problems;
    private final SourceMap sources;

    private final boolean interpolated;
    private final ServiceMappings mappings;
    private final ServiceStructs structs;

    ServiceSyntax(Problems problems, SourceMap sources, boolean interpolated) {
        this.problems = problems;
        this.sources = sources;
        this.interpolated = interpolated;
        this.mappings = new ServiceMappings(this, problems);
        this.structs = new ServiceStructs(this);
    }

    /** With {@code --no-interpolate}, a value holding a variable is printed as written, not parsed. */
    boolean keepsVariable(Object value) {
        return !interpolated && value instanceof String text && text.contains("$");
    }

    /** A list entry that becomes a mapping key keeps the entry's position for error messages. */
    void moved(ComposePath at, int index, String key) {
        sources.putIfAbsent(at.key(key), sources.find(at.index(index)));
    }

    Map<String, Object> canonical(Map<String, Object> service, ComposePath path) {
        Map<String, Object> out = new LinkedHashMap<>();
        service.forEach((key, value) -> {
            ComposePath at = path.key(key);
            Object result = value instanceof io.berth.model.yaml.Tagged tagged
                    ? new io.berth.model.yaml.Tagged(tagged.tag(), attribute(key, tagged.value(), at))
                    : attribute(key, value, at);
            if (result != null || value == null) {
                out.put(key, result); // a false flag is left out, as Compose prints it
            }
        });
        return out;
    }

    private Object attribute(String key, Object value, ComposePath at) {
        if (value == null || key.startsWith("x-") || keepsVariable(value)) {
            return value;
        }
        if (KEY_VALUE_MAPS.contains(key)) {
            return keyValues(value, at, key.equals("environment"));
        }
        if (STRING_LISTS.contains(key)) {
            if (!STRING_OR_LIST.contains(key) && Values.isScalar(value)) {
                // the schema takes a single string only for dns, dns_search and tmpfs
                problems.add(at, "must be a list (write [" + Values.text(value) + "])");
                return strings(value, at); // one problem, not a second from the typed phase
            }
            return strings(value, at);
        }
        if (FLAGS.contains(key) || OPTIONAL_FLAGS.contains(key)) {
            Boolean flag = Values.bool(value);
            if (flag == null) {
                problems.add(at, "must be a boolean (true or false), got \"" + Values.text(value) + "\"");
                return value;
            }
            return flag || OPTIONAL_FLAGS.contains(key) ? flag : null;
        }
        if (BYTE_SIZES.contains(key)) {
            return byteSize(value, at);
        }
        return switch (key) {
            case "build" -> mappings.build(value, at);
            case "command", "entrypoint" -> commandLine(value, at);
            case "ports" -> ports(value, at);
            case "devices" -> eachOf(value, at, ServiceStructs::device);
            case "volumes" -> eachOf(value, at, VolumeSyntax::canonical);
            case "networks" -> mappings.networks(value, at);
            case "depends_on" -> mappings.dependsOn(value, at);
            case "healthcheck" -> mappings.healthcheck(value, at);
            case "env_file" -> mappings.envFiles(value, at);
            case "secrets", "configs" -> mappings.fileReferences(value, at, key.equals("secrets"));
            case "extra_hosts" -> mappings.extraHosts(value, at);
            case "stop_grace_period" -> duration(value, at);
            case "blkio_config" -> structs.blkioConfig(value, at);
            case "logging" -> ServiceStructs.logging(value);
            case "develop" -> structs.develop(value, at);
            case "post_start", "pre_stop" -> eachOf(value, at, (hook, path, found) -> structs.hook(hook, path));
            case "deploy" -> Deploy.canonical(value, at, problems);
            case "gpus" -> "all".equals(value) ? new ArrayList<Object>(List.of(new LinkedHashMap<>(Map.of("count", -1L))))
                    : value instanceof List<?> requests ? Deploy.deviceRequests(requests) : value;
            case "extends" -> value instanceof String name ? new LinkedHashMap<>(Map.of("service", name)) : value;
            default -> value;
        };
    }

    private interface EntryRule {
        Object apply(Object entry, ComposePath path, Problems problems);
    }

    private Object eachOf(Object value, ComposePath at, EntryRule rule) {
        if (!(value instanceof List<?> entries)) {
            problems.add(at, "must be a list");
            return value;
        }
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Object result = rule.apply(entries.get(i), at.index(i), problems);
            if (result != null) {
                out.add(result);
            }
        }
        return out;
    }

    private Object ports(Object value, ComposePath at) {
        if (!(value instanceof List<?> entries)) {
            problems.add(at, "must be a list");
            return value;
        }
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            if (keepsVariable(entries.get(i))) {
                out.add(entries.get(i));
            } else {
                out.addAll(PortSyntax.canonical(entries.get(i), at.index(i), problems));
            }
        }
        return out;
    }

    Object keyValues(Object value, ComposePath at, boolean keepUnset) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> {
                if (item instanceof Map || item instanceof List) {
                    problems.add(at.key(String.valueOf(key)), "must be a string, number, boolean or null");
                } else {
                    out.put(String.valueOf(key), item == null ? (keepUnset ? null : "") : Values.text(item));
                }
            });
        } else if (value instanceof List<?> entries) {
            for (int i = 0; i < entries.size(); i++) {
                String text = Values.text(entries.get(i));
                int equals = text == null ? -1 : text.indexOf('=');
                if (text == null) {
                    continue;
                }
                String key = equals < 0 ? text : text.substring(0, equals);
                out.put(key, equals < 0 ? (keepUnset ? null : "") : text.substring(equals + 1));
                moved(at, i, key);
            }
            return new ListWritten(out);
        } else {
            problems.add(at, "must be a mapping or a list of KEY=VALUE");
        }
        return out;
    }

    Object strings(Object value, ComposePath at) {
        if (value instanceof List<?> entries) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < entries.size(); i++) {
                Object entry = entries.get(i);
                if (entry == null || entry instanceof Map || entry instanceof List) {
                    problems.add(at.index(i), "must be a string");
                } else {
                    out.add(Values.text(entry));
                }
            }
            return out;
        }
        if (Values.isScalar(value)) {
            return new ArrayList<>(List.of(Values.text(value)));
        }
        problems.add(at, "must be a string or a list of strings");
        return new ArrayList<>(); // reported: the typed phase must not report it again as "a list of strings"
    }

    Object byteSize(Object value, ComposePath at) {
        try {
            return value instanceof Long bytes ? String.valueOf(bytes) : String.valueOf(ByteSize.parse(Values.text(value)).bytes());
        } catch (IllegalArgumentException e) {
            problems.add(at, e.getMessage());
            return value;
        }
    }

    Object duration(Object value, ComposePath at) {
        try {
            Duration duration = GoDuration.parseValue(value);
            return GoDuration.format(duration);
        } catch (IllegalArgumentException e) {
            problems.add(at, e.getMessage());
            return value;
        }
    }

    Object commandLine(Object value, ComposePath at) {
        if (value instanceof List<?> words) {
            List<Object> out = new ArrayList<>();
            words.forEach(word -> out.add(Values.text(word)));
            return out;
        }
        if (value instanceof String line) {
            try {
                return new ArrayList<Object>(ShellWords.split(line));
            } catch (io.berth.model.text.ShellWordsException e) {
                problems.add(at, e.getMessage());
                return value;
            }
        }
        problems.add(at, "must be a string or a list of strings");
        return new ArrayList<>(); // reported: the typed phase must not report it again as "a list of strings"
    }
}
