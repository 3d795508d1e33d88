package io.berth.model.load;

import io.berth.model.tree.ComposePath;
import io.berth.model.tree.Problems;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Canonical phase, continued: the service attributes whose long form is a mapping of its own
 * (build, networks, depends_on, healthcheck, env_file, secrets/configs, extra_hosts).
 */
final class ServiceMappings {
    private static final Set<String> DURATIONS = Set.of("interval", "timeout", "start_period", "start_interval");

    private final ServiceSyntax syntax;
    private final Problems problems;

    ServiceMappings(ServiceSyntax syntax, Problems problems) {
        this.syntax = syntax;
        this.problems = problems;
    }

    Object build(Object value, ComposePath at) {
        Map<String, Object> build = new LinkedHashMap<>();
        if (value instanceof String context) {
            build.put("context", context);
        } else if (value instanceof Map<?, ?> map) {
            build.putAll(Values.map(map));
            BuildSyntax.canonical(build, at, syntax, this, problems);
        } else {
            problems.add(at, "must be a string (the context) or a mapping");
            return value;
        }
        // no context nor dockerfile yet: their defaults are set after merge (RelativePaths), so that
        // they never override a base file's
        return build;
    }

    Object networks(Object value, ComposePath at) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (value instanceof List<?> names) {
            for (int i = 0; i < names.size(); i++) {
                if (names.get(i) == null || names.get(i) instanceof Map || names.get(i) instanceof List) {
                    problems.add(at.index(i), "must be a network name");
                    continue;
                }
                out.put(Values.text(names.get(i)), null);
                syntax.moved(at, i, Values.text(names.get(i)));
            }
            return new ListWritten(out);
        } else if (value instanceof Map<?, ?> map) {
            Values.map(map).forEach((name, attachment) -> {
                if (attachment instanceof Map<?, ?> fields && fields.get("driver_opts") instanceof Map<?, ?> options) {
                    // options are strings in Compose's model, as a network's own driver_opts
                    Map<String, Object> copy = new LinkedHashMap<>(Values.map(fields));
                    Map<String, Object> texts = new LinkedHashMap<>();
                    Values.map(options).forEach((key, option) -> texts.put(key, option == null ? null : Values.text(option)));
                    copy.put("driver_opts", texts);
                    out.put(name, copy);
                } else {
                    out.put(name, attachment);
                }
            });
        } else {
            problems.add(at, "must be a list of network names or a mapping");
        }
        return out;
    }

    Object dependsOn(Object value, ComposePath at) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (value instanceof List<?> names) {
            for (int i = 0; i < names.size(); i++) {
                if (names.get(i) == null || names.get(i) instanceof Map || names.get(i) instanceof List) {
                    problems.add(at.index(i), "must be a service name");
                    continue;
                }
                out.put(Values.text(names.get(i)), dependency(null));
                syntax.moved(at, i, Values.text(names.get(i)));
            }
            return new ListWritten(out);
        } else if (value instanceof Map<?, ?> map) {
            // only what is written: the defaults are filled after merge (withDefaults), so that an
            // override's {db: {restart: true}} keeps the condition of the file below
            map.forEach((name, condition) -> out.put(String.valueOf(name), dependency(condition)));
        } else {
            problems.add(at, "must be a list of service names or a mapping");
        }
        return out;
    }

    private static Map<String, Object> dependency(Object given) {
        Map<String, Object> dependency = new LinkedHashMap<>();
        if (!(given instanceof Map<?, ?> map)) {
            // a name in a list is a whole dependency, as compose-go's mergeDependsOn reads it
            dependency.put("condition", "service_started");
            dependency.put("required", Boolean.TRUE);
            return dependency;
        }
        Map<String, Object> fields = Values.map(map);
        if (fields.containsKey("condition")) {
            dependency.put("condition", fields.get("condition"));
        }
        for (String flag : List.of("restart", "required")) {
            if (fields.get(flag) != null) {
                dependency.put(flag, Values.bool(fields.get(flag)));
            }
        }
        return dependency;
    }

    /**
     * A dependency written as a mapping needs a condition once merged onto the files before it (the
     * schema's rule, checked by Compose after each file): {@code db: {restart: true}} alone is refused.
     */
    static void checkConditions(Map<String, Object> tree, Problems problems) {
        if (!(tree.get("services") instanceof Map<?, ?> services)) {
            return;
        }
        Values.map(services).forEach((name, service) -> {
            if (service instanceof Map<?, ?> fields && fields.get("depends_on") instanceof Map<?, ?> dependsOn) {
                Values.map(dependsOn).forEach((dependency, entry) -> {
                    if (entry instanceof Map<?, ?> map && !map.containsKey("condition")) {
                        problems.add(ComposePath.ROOT.key("services").key(name).key("depends_on").key(dependency),
                                "condition is required (service_started, service_healthy or service_completed_successfully)");
                    }
                });
            }
        });
    }

    /** The defaults of every dependency, once every file is merged (compose-go's transform/dependson.go). */
    static void withDefaults(Map<String, Object> services) {
        services.values().forEach(service -> {
            if (service instanceof Map<?, ?> fields && fields.get("depends_on") instanceof Map<?, ?> dependsOn) {
                dependsOn.values().forEach(dependency -> {
                    if (dependency instanceof Map<?, ?> entry) {
                        Values.map(entry).putIfAbsent("condition", "service_started");
                        Values.map(entry).putIfAbsent("required", Boolean.TRUE);
                    }
                });
            }
        });
    }

    Object healthcheck(Object value, ComposePath at) {
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
            if (out.get(key) != null && !syntax.keepsVariable(out.get(key))) {
                out.put(key, syntax.duration(out.get(key), at.key(key)));
            }
        }
        if (Boolean.FALSE.equals(out.get("disable"))) {
            out.remove("disable"); // a plain boolean in compose-go, printed only when true
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

    Object envFiles(Object value, ComposePath at) {
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

    Object fileReferences(Object value, ComposePath at, boolean secrets) {
        return fileReferences(value, at, secrets, secrets);
    }

    /** @param defaultTarget a secret of a service is mounted at /run/secrets/SOURCE; a build secret has no target */
    Object fileReferences(Object value, ComposePath at, boolean secrets, boolean defaultTarget) {
        if (!(value instanceof List<?> entries)) {
            problems.add(at, "must be a list");
            return value;
        }
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Object entry = entries.get(i);
            Map<String, Object> reference = new LinkedHashMap<>();
            if (entry instanceof Map<?, ?> map) {
                reference.putAll(Values.map(map));
            } else if (entry != null && !(entry instanceof List)) {
                reference.put("source", Values.text(entry));
            }
            if (!(reference.get("source") instanceof String)) {
                problems.add(at.index(i), "needs a source: the name of a top-level " + (secrets ? "secret" : "config"));
                continue;
            }
            if (defaultTarget && reference.get("target") == null && reference.get("source") != null) {
                reference.put("target", "/run/secrets/" + reference.get("source"));
            }
            out.add(reference);
        }
        return out;
    }

    Object extraHosts(Object value, ComposePath at) {
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
            for (int i = 0; i < entries.size(); i++) {
                Object entry = entries.get(i);
                if (entry == null || entry instanceof Map || entry instanceof List) {
                    problems.add(at.index(i), "must be host=address");
                    continue;
                }
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
