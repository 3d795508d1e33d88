package io.berth.model.load;

import io.berth.model.tree.ComposePath;
import io.berth.model.tree.Problems;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Canonical phase of a {@code build:} mapping: every short syntax to the long form compose-go prints. */
final class BuildSyntax {
    private static final List<String> STRING_LISTS = List.of("cache_from", "cache_to", "tags", "platforms", "entitlements");
    private static final List<String> FLAGS = List.of("no_cache", "pull", "privileged");

    private BuildSyntax() {
    }

    static void canonical(Map<String, Object> build, ComposePath at, ServiceSyntax syntax, ServiceMappings mappings,
                          Problems problems) {
        replace(build, "args", value -> syntax.keyValues(value, at.key("args"), true));
        replace(build, "labels", value -> syntax.keyValues(value, at.key("labels"), false));
        replace(build, "additional_contexts", value -> syntax.keyValues(value, at.key("additional_contexts"), false));
        replace(build, "shm_size", value -> syntax.byteSize(value, at.key("shm_size")));
        replace(build, "extra_hosts", value -> mappings.extraHosts(value, at.key("extra_hosts")));
        replace(build, "ssh", value -> ssh(value, at.key("ssh"), problems));
        replace(build, "secrets", value -> mappings.fileReferences(value, at.key("secrets"), true, false));
        for (String key : STRING_LISTS) {
            replace(build, key, value -> syntax.strings(value, at.key(key)));
        }
        for (String key : FLAGS) {
            replace(build, key, value -> {
                Boolean flag = Values.bool(value);
                return flag == null ? value : flag; // the typed phase reports what is no boolean
            });
        }
    }

    private static void replace(Map<String, Object> build, String key, java.util.function.UnaryOperator<Object> canonical) {
        if (build.get(key) != null) {
            build.put(key, canonical.apply(build.get(key)));
        }
    }

    /**
     * {@code default} or {@code id=path}, as a list or a mapping; printed as Compose prints its SSH
     * keys: a list of {@code id} or {@code id: path}. An entry without a path other than
     * {@code default} is refused, as Compose does.
     */
    private static Object ssh(Object value, ComposePath at, Problems problems) {
        Map<String, String> keys = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> map) {
            map.forEach((id, path) -> keys.put(String.valueOf(id), path == null ? "" : Values.text(path)));
        } else if (value instanceof List<?> entries) {
            for (int i = 0; i < entries.size(); i++) {
                if (!Values.isScalar(entries.get(i))) {
                    problems.add(at.index(i), "must be default or ID=PATH");
                    continue;
                }
                String text = Values.text(entries.get(i));
                int equals = text.indexOf('=');
                if (equals < 0 && !text.equals("default")) {
                    problems.add(at.index(i), "invalid ssh key \"" + text + "\" (write default or ID=PATH)");
                    continue;
                }
                keys.put(equals < 0 ? text : text.substring(0, equals), equals < 0 ? "" : text.substring(equals + 1));
            }
        } else {
            problems.add(at, "must be a list of default or ID=PATH, or a mapping");
            return value;
        }
        List<Object> out = new java.util.ArrayList<>();
        keys.forEach((id, path) -> out.add(path.isEmpty() ? id : id + ": " + path));
        return out;
    }

    /** The SSH keys of a canonical {@code build.ssh} list: id to path ("" for the agent). */
    static Map<String, String> sshKeys(Object canonical) {
        Map<String, String> keys = new LinkedHashMap<>();
        if (canonical instanceof List<?> entries) {
            for (Object entry : entries) {
                String text = Values.text(entry);
                int colon = text.indexOf(": ");
                keys.put(colon < 0 ? text : text.substring(0, colon), colon < 0 ? "" : text.substring(colon + 2));
            }
        } else if (canonical instanceof Map<?, ?> map) {
            map.forEach((id, path) -> keys.put(String.valueOf(id), path == null ? "" : Values.text(path)));
        }
        return java.util.Collections.unmodifiableMap(keys);
    }
}
