package io.berth.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The {@code develop.watch} rules of a loaded project, read from its canonical tree (validated,
 * interpolated, paths already absolute), so that {@link Service} stays as it is.
 */
public final class DevelopWatch {
    private DevelopWatch() {
    }

    /** Service name to its rules, in file order; services without rules are left out. */
    public static SortedMap<String, List<WatchRule>> rules(LoadedModel model) {
        SortedMap<String, List<WatchRule>> out = new TreeMap<>();
        if (!(model.canonical().get("services") instanceof Map<?, ?> services)) {
            return out;
        }
        services.forEach((name, service) -> {
            if (service instanceof Map<?, ?> fields && fields.get("develop") instanceof Map<?, ?> develop
                    && develop.get("watch") instanceof List<?> rules && !rules.isEmpty()) {
                List<WatchRule> typed = new ArrayList<>();
                for (Object rule : rules) {
                    if (rule instanceof Map<?, ?> map && map.get("path") != null && map.get("action") != null) {
                        typed.add(rule(map));
                    }
                }
                if (!typed.isEmpty()) {
                    out.put(String.valueOf(name), List.copyOf(typed));
                }
            }
        });
        return out;
    }

    private static WatchRule rule(Map<?, ?> map) {
        WatchRule.Action action = WatchRule.Action.of(String.valueOf(map.get("action")));
        WatchRule.Exec exec = null;
        if (action == WatchRule.Action.SYNC_EXEC && map.get("exec") instanceof Map<?, ?> hook) {
            exec = new WatchRule.Exec(texts(hook.get("command")), text(hook.get("user")), environment(hook.get("environment")),
                    text(hook.get("working_dir")), Boolean.TRUE.equals(hook.get("privileged")));
        }
        return new WatchRule(Path.of(String.valueOf(map.get("path"))), action, text(map.get("target")),
                texts(map.get("ignore")), texts(map.get("include")), Boolean.TRUE.equals(map.get("initial_sync")), exec);
    }

    private static String text(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    private static List<String> texts(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(item -> out.add(String.valueOf(item)));
        } else if (value != null) {
            out.add(String.valueOf(value));
        }
        return out;
    }

    /** A mapping, or a list of NAME=VALUE (a bare NAME has no value and is left out, as for exec -e). */
    private static Map<String, String> environment(Object value) {
        Map<String, String> out = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> {
                if (item != null) {
                    out.put(String.valueOf(key), String.valueOf(item));
                }
            });
        } else if (value instanceof List<?> list) {
            for (Object item : list) {
                String entry = String.valueOf(item);
                int equals = entry.indexOf('=');
                if (equals > 0) {
                    out.put(entry.substring(0, equals), entry.substring(equals + 1));
                }
            }
        }
        return out;
    }
}
