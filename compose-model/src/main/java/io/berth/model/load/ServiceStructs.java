package io.berth.model.load;

import io.berth.model.tree.ComposePath;
import io.berth.model.tree.Problems;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Canonical phase, continued: the service attributes compose-go prints as structs of their own
 * (devices, lifecycle hooks, blkio_config, develop's watch rules, logging), in the shape and
 * with the field names it prints.
 */
final class ServiceStructs {
    private final ServiceSyntax syntax;

    ServiceStructs(ServiceSyntax syntax) {
        this.syntax = syntax;
    }

    /** {@code host[:container[:permissions]]} to {source, target, permissions}, permissions rwm by default. */
    static Object device(Object entry, ComposePath path, Problems found) {
        if (entry instanceof Map<?, ?> map) {
            return map;
        }
        if (entry == null || !Values.isScalar(entry)) {
            found.add(path, "must be host_path[:container_path[:permissions]] or a mapping");
            return null;
        }
        String[] parts = Values.text(entry).split(":", -1);
        Map<String, Object> device = new LinkedHashMap<>();
        device.put("source", parts[0]);
        device.put("target", parts.length > 1 ? parts[1] : parts[0]);
        device.put("permissions", parts.length > 2 ? parts[2] : "rwm");
        return device;
    }

    /** A post_start or pre_stop hook: its command split, its environment as KEY: value. */
    Object hook(Object hook, ComposePath path) {
        if (hook instanceof Map<?, ?> map && map.get("command") != null) {
            Map<String, Object> copy = new LinkedHashMap<>(Values.map(map));
            copy.put("command", syntax.commandLine(copy.get("command"), path.key("command")));
            if (copy.get("environment") != null) {
                copy.put("environment", syntax.keyValues(copy.get("environment"), path.key("environment"), true));
            }
            return copy;
        }
        return hook;
    }

    /**
     * Device throttles print as compose-go's structs without JSON tags do: {@code Path}, {@code Rate}
     * (a byte count as text, iops too), {@code Weight}.
     */
    Object blkioConfig(Object value, ComposePath at) {
        if (!(value instanceof Map<?, ?> map)) {
            return value;
        }
        Map<String, Object> out = new LinkedHashMap<>(Values.map(map));
        out.forEach((key, entries) -> {
            if (entries instanceof List<?> list && !key.startsWith("x-")) {
                List<Object> devices = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    if (!(list.get(i) instanceof Map<?, ?> device)) {
                        devices.add(list.get(i));
                        continue;
                    }
                    Map<String, Object> typed = new LinkedHashMap<>();
                    typed.put("Path", device.get("path"));
                    if (device.containsKey("rate")) {
                        typed.put("Rate", syntax.byteSize(device.get("rate"), at.key(key).index(i).key("rate")));
                    }
                    if (device.containsKey("weight")) {
                        typed.put("Weight", device.get("weight"));
                    }
                    devices.add(typed);
                }
                out.put(key, devices);
            }
        });
        return out;
    }

    /** Watch rules print their exec hook always (a struct in compose-go), its command split like any other. */
    Object develop(Object value, ComposePath at) {
        if (!(value instanceof Map<?, ?> map) || !(map.get("watch") instanceof List<?> rules)) {
            return value;
        }
        Map<String, Object> out = new LinkedHashMap<>(Values.map(map));
        List<Object> watch = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            if (!(rules.get(i) instanceof Map<?, ?> rule)) {
                watch.add(rules.get(i));
                continue;
            }
            Map<String, Object> copy = new LinkedHashMap<>(Values.map(rule));
            Map<String, Object> exec = copy.get("exec") instanceof Map<?, ?> given ? new LinkedHashMap<>(Values.map(given)) : new LinkedHashMap<>();
            exec.put("command", exec.get("command") == null ? null : syntax.commandLine(exec.get("command"), at.key("watch").index(i).key("exec").key("command")));
            copy.put("exec", exec);
            watch.add(copy);
        }
        out.put("watch", watch);
        return out;
    }

    /** Logging options are strings in Compose's model: {@code max-file: 3} prints "3". */
    static Object logging(Object value) {
        if (value instanceof Map<?, ?> map && map.get("options") instanceof Map<?, ?> options) {
            Map<String, Object> out = new LinkedHashMap<>(Values.map(map));
            out.put("options", Values.texts(options));
            return out;
        }
        return value;
    }
}
