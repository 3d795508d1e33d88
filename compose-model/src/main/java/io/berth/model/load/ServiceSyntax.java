package io.berth.model.load;

import io.berth.model.text.ShellWords;
import io.berth.model.units.ByteSize;
import io.berth.model.units.GoDuration;

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
    private static final Set<String> DURATIONS = Set.of("interval", "timeout", "start_period", "start_interval");
    private static final Set<String> KEY_VALUE_MAPS = Set.of("labels", "annotations", "sysctls", "environment");
    private static final Set<String> STRING_LISTS = Set.of("expose", "dns", "dns_search", "dns_opt", "tmpfs",
            "cap_add", "cap_drop", "security_opt", "group_add", "links", "external_links", "volumes_from",
            "profiles", "devices", "device_cgroup_rules");
    private static final Set<String> BYTE_SIZES = Set.of("mem_limit", "mem_reservation", "memswap_limit", "shm_size");

    private final Problems problems;
    private final SourceMap sources;

    private final boolean interpolated;

    ServiceSyntax(Problems problems, SourceMap sources, boolean interpolated) {
        this.problems = problems;
        this.sources = sources;
        this.interpolated = interpolated;
    }

    /** With {@code --no-interpolate}, a value holding a variable is printed as written, not parsed. */
    private boolean keepsVariable(Object value) {
        return !interpolated && value instanceof String text && text.contains("$");
    }

    /** A list entry that becomes a mapping key keeps the entry's position for error messages. */
    private void moved(ComposePath at, int index, String key) {
        sources.putIfAbsent(at.key(key), sources.find(at.index(index)));
    }

    Map<String, Object> canonical(Map<String, Object> service, ComposePath path) {
        Map<String, Object> out = new LinkedHashMap<>();
        service.forEach((key, value) -> {
            ComposePath at = path.key(key);
            Object result = value instanceof io.berth.model.yaml.Tagged tagged
                    ? new io.berth.model.yaml.Tagged(tagged.tag(), attribute(key, tagged.value(), at))
                    : attribute(key, value, at);
            out.put(key, result);
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
            return strings(value, at);
        }
        if (BYTE_SIZES.contains(key)) {
            return byteSize(value, at);
        }
        return switch (key) {
            case "build" -> build(value, at);
            case "command", "entrypoint" -> commandLine(value, at);
            case "ports" -> ports(value, at);
            case "volumes" -> eachOf(value, at, VolumeSyntax::canonical);
            case "networks" -> networks(value, at);
            case "depends_on" -> dependsOn(value, at);
            case "healthcheck" -> healthcheck(value, at);
            case "env_file" -> envFiles(value, at);
            case "secrets", "configs" -> fileReferences(value, at, key.equals("secrets"));
            case "extra_hosts" -> extraHosts(value, at);
            case "stop_grace_period" -> duration(value, at);
            case "deploy" -> Deploy.canonical(value, at, problems);
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
        } else {
            problems.add(at, "must be a mapping or a list of KEY=VALUE");
        }
        return out;
    }

    private Object strings(Object value, ComposePath at) {
        if (value instanceof List<?> entries) {
            List<Object> out = new ArrayList<>();
            entries.forEach(entry -> out.add(Values.text(entry)));
            return out;
        }
        if (Values.isScalar(value)) {
            return new ArrayList<>(List.of(Values.text(value)));
        }
        problems.add(at, "must be a string or a list of strings");
        return value;
    }

    private Object byteSize(Object value, ComposePath at) {
        try {
            return value instanceof Long bytes ? String.valueOf(bytes) : String.valueOf(ByteSize.parse(Values.text(value)).bytes());
        } catch (IllegalArgumentException e) {
            problems.add(at, e.getMessage());
            return value;
        }
    }

    Object duration(Object value, ComposePath at) {
        try {
            Duration duration = value instanceof Long seconds ? Duration.ofSeconds(seconds) : GoDuration.parse(Values.text(value));
            return GoDuration.format(duration);
        } catch (IllegalArgumentException e) {
            problems.add(at, e.getMessage());
            return value;
        }
    }

    private Object commandLine(Object value, ComposePath at) {
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
        return value;
    }

    private Object build(Object value, ComposePath at) {
        Map<String, Object> build = new LinkedHashMap<>();
        if (value instanceof String context) {
            build.put("context", context);
        } else if (value instanceof Map<?, ?> map) {
            build.putAll(Values.map(map));
            if (build.get("args") != null) {
                build.put("args", keyValues(build.get("args"), at.key("args"), true));
            }
            if (build.get("labels") != null) {
                build.put("labels", keyValues(build.get("labels"), at.key("labels"), false));
            }
            if (build.get("shm_size") != null) {
                build.put("shm_size", byteSize(build.get("shm_size"), at.key("shm_size")));
            }
        } else {
            problems.add(at, "must be a string (the context) or a mapping");
            return value;
        }
        build.putIfAbsent("context", ".");
        return build; // the default dockerfile is set after merge, so it cannot override a base file's
    }

    private Object networks(Object value, ComposePath at) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (value instanceof List<?> names) {
            for (int i = 0; i < names.size(); i++) {
                out.put(Values.text(names.get(i)), null);
                moved(at, i, Values.text(names.get(i)));
            }
        } else if (value instanceof Map<?, ?> map) {
            out.putAll(Values.map(map));
        } else {
            problems.add(at, "must be a list of network names or a mapping");
        }
        return out;
    }

    private Object dependsOn(Object value, ComposePath at) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (value instanceof List<?> names) {
            for (int i = 0; i < names.size(); i++) {
                out.put(Values.text(names.get(i)), dependency(null));
                moved(at, i, Values.text(names.get(i)));
            }
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((name, condition) -> out.put(String.valueOf(name), dependency(condition)));
        } else {
            problems.add(at, "must be a list of service names or a mapping");
        }
        return out;
    }

    private static Map<String, Object> dependency(Object given) {
        Map<String, Object> dependency = new LinkedHashMap<>();
        Map<String, Object> fields = given instanceof Map<?, ?> map ? Values.map(map) : Map.of();
        dependency.put("condition", fields.getOrDefault("condition", "service_started"));
        if (fields.get("restart") != null) {
            dependency.put("restart", Values.bool(fields.get("restart")));
        }
        Object required = fields.get("required");
        dependency.put("required", required == null ? Boolean.TRUE : Values.bool(required));
        return dependency;
    }

    private Object healthcheck(Object value, ComposePath at) {
        if (!(value instanceof Map<?, ?> map)) {
            problems.add(at, "must be a mapping");
            return value;
        }
        Map<String, Object> out = new LinkedHashMap<>(Values.map(map));
        Object test = out.get("test");
        if (test instanceof String command) {
            out.put("test", new ArrayList<Object>(List.of("CMD-SHELL", command)));
        } else if (test instanceof List<?> words) {
            List<Object> texts = new ArrayList<>();
            words.forEach(word -> texts.add(Values.text(word)));
            out.put("test", texts);
        }
        for (String key : DURATIONS) {
            if (out.get(key) != null && !keepsVariable(out.get(key))) {
                out.put(key, duration(out.get(key), at.key(key)));
            }
        }
        if (out.get("retries") != null) {
            Long retries = Values.integer(out.get("retries"));
            if (retries == null) {
                problems.add(at.key("retries"), "must be a number, got \"" + out.get("retries") + "\"");
            } else {
                out.put("retries", retries);
            }
        }
        return out;
    }

    private Object envFiles(Object value, ComposePath at) {
        List<Object> out = new ArrayList<>();
        List<?> entries = value instanceof List<?> list ? list : List.of(value);
        for (Object entry : entries) {
            Map<String, Object> file = new LinkedHashMap<>();
            if (entry instanceof Map<?, ?> map) {
                file.putAll(Values.map(map));
                file.put("required", map.get("required") == null ? Boolean.TRUE : Values.bool(map.get("required")));
            } else {
                file.put("path", Values.text(entry));
                file.put("required", Boolean.TRUE);
            }
            out.add(file);
        }
        return out;
    }

    private Object fileReferences(Object value, ComposePath at, boolean secrets) {
        if (!(value instanceof List<?> entries)) {
            problems.add(at, "must be a list");
            return value;
        }
        List<Object> out = new ArrayList<>();
        for (Object entry : entries) {
            Map<String, Object> reference = new LinkedHashMap<>();
            if (entry instanceof Map<?, ?> map) {
                reference.putAll(Values.map(map));
            } else {
                reference.put("source", Values.text(entry));
            }
            if (secrets && reference.get("target") == null && reference.get("source") != null) {
                reference.put("target", "/run/secrets/" + reference.get("source"));
            }
            out.add(reference);
        }
        return out;
    }

    private Object extraHosts(Object value, ComposePath at) {
        List<Object> out = new ArrayList<>();
        extraHostEntries(value, at, out);
        // printed sorted, as compose-go's HostsList does
        out.sort((a, b) -> String.valueOf(a).compareTo(String.valueOf(b)));
        return out;
    }

    private void extraHostEntries(Object value, ComposePath at, List<Object> out) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((host, address) -> {
                if (address instanceof List<?> addresses) {
                    addresses.forEach(one -> out.add(host + "=" + Values.text(one)));
                } else {
                    out.add(host + "=" + Values.text(address));
                }
            });
        } else if (value instanceof List<?> entries) {
            for (Object entry : entries) {
                String text = Values.text(entry);
                int equals = text.indexOf('=');
                int colon = text.indexOf(':');
                int split = equals >= 0 ? equals : colon;
                if (split < 0) {
                    problems.add(at, "invalid extra host \"" + text + "\" (expected host=address)");
                } else {
                    out.add(text.substring(0, split) + "=" + text.substring(split + 1));
                }
            }
        } else {
            problems.add(at, "must be a list of host=address or a mapping");
        }
    }
}
