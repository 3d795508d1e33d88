package io.berth.engine.convert;

import io.berth.model.Service;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A service's config flattened to Compose-style dotted paths ("environment.FOO", "ports[0].target",
 * "stop_grace_period") for the label that lets a later plan say which field changed. Leaves out
 * the same fields as the config hash.
 */
public final class ServiceConfig {
    private static final Set<String> LEFT_OUT = Set.of("build", "pullPolicy", "replicas", "dependsOn", "profiles",
            "attributes"); // attributes: which keys are set, already in the values

    private ServiceConfig() {
    }

    public static SortedMap<String, String> flatten(Service service) {
        SortedMap<String, String> flat = new TreeMap<>();
        for (RecordComponent component : Service.class.getRecordComponents()) {
            if (!LEFT_OUT.contains(component.getName())) {
                flatten(snakeCase(component.getName()), read(component, service), flat);
            }
        }
        return flat;
    }

    private static void flatten(String path, Object value, SortedMap<String, String> flat) {
        if (value == null) {
            return;
        }
        if (value instanceof Record record) {
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                flatten(path + "." + snakeCase(component.getName()), read(component, record), flat);
            }
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> flatten(path + "." + key, item, flat));
        } else if (value instanceof Collection<?> items) {
            int index = 0;
            for (Object item : items) {
                flatten(path + "[" + index++ + "]", item, flat);
            }
        } else {
            flat.put(path, String.valueOf(value));
        }
    }

    private static Object read(RecordComponent component, Object record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException impossible) {
            throw new IllegalStateException("cannot read " + component.getName() + " of a record", impossible);
        }
    }

    static String snakeCase(String camelCase) {
        return camelCase.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
