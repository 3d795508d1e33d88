package io.berth.model.load;

import io.berth.model.ByteSize;
import io.berth.model.GoDuration;

import io.berth.model.tree.ComposePath;
import io.berth.model.tree.Problems;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Typed reads of one canonical mapping, recording a problem (at the attribute's path) on a wrong type. */
final class Fields {
    private final Map<String, Object> values;
    private final ComposePath path;
    private final Problems problems;

    Fields(Object values, ComposePath path, Problems problems) {
        this.values = values instanceof Map<?, ?> map ? Values.map(map) : Map.of();
        this.path = path;
        this.problems = problems;
    }

    Fields child(String key) {
        return new Fields(values.get(key), path.key(key), problems);
    }

    boolean has(String key) {
        return values.get(key) != null;
    }

    Object raw(String key) {
        return values.get(key);
    }

    ComposePath at(String key) {
        return path.key(key);
    }

    String string(String key) {
        Object value = values.get(key);
        if (value instanceof Map || value instanceof List) {
            problems.add(path.key(key), "must be a string");
            return null;
        }
        return Values.text(value);
    }

    boolean flag(String key) {
        Boolean value = optionalFlag(key);
        return value != null && value;
    }

    Boolean optionalFlag(String key) {
        Object value = values.get(key);
        if (value == null) {
            return null;
        }
        Boolean flag = Values.bool(value);
        if (flag == null) {
            problems.add(path.key(key), "must be a boolean (true or false), got \"" + Values.text(value) + "\"");
        }
        return flag;
    }

    Long number(String key) {
        Object value = values.get(key);
        if (value == null) {
            return null;
        }
        Long number = Values.integer(value);
        if (number == null) {
            problems.add(path.key(key), "must be a whole number, got \"" + Values.text(value) + "\"");
        }
        return number;
    }

    Integer integer(String key) {
        Long number = number(key);
        return number == null ? null : (int) (long) number;
    }

    Double decimal(String key) {
        Object value = values.get(key);
        if (value == null || value instanceof Double number && (number.isNaN() || number.isInfinite())) {
            return null; // not finite: reported by the schema rules
        }
        try {
            return Double.parseDouble(Values.text(value));
        } catch (NumberFormatException e) {
            problems.add(path.key(key), "must be a number, got \"" + Values.text(value) + "\"");
            return null;
        }
    }

    Duration duration(String key) {
        Object value = values.get(key);
        if (value == null) {
            return null;
        }
        try {
            return GoDuration.parseValue(value);
        } catch (IllegalArgumentException e) {
            return null; // reported by the canonical phase
        }
    }

    Long bytes(String key) {
        Object value = values.get(key);
        if (value == null) {
            return null;
        }
        try {
            return ByteSize.parse(Values.text(value)).bytes();
        } catch (IllegalArgumentException e) {
            return null; // reported by the canonical phase
        }
    }

    List<String> strings(String key) {
        Object value = values.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            problems.add(path.key(key), "must be a list of strings");
            return List.of();
        }
        List<String> out = new ArrayList<>();
        list.forEach(item -> out.add(Values.text(item)));
        return Collections.unmodifiableList(out);
    }

    List<String> stringsOrNull(String key) {
        return values.get(key) == null ? null : strings(key);
    }

    Map<String, String> stringMap(String key) {
        Object value = values.get(key);
        if (!(value instanceof Map<?, ?> map)) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        map.forEach((name, item) -> out.put(String.valueOf(name), Values.text(item)));
        return Collections.unmodifiableMap(out);
    }

    /** The keys set here (a null value counts as unset) with their text when scalar, else ""; no {@code x-} keys. */
    java.util.SortedMap<String, String> keys() {
        java.util.SortedMap<String, String> out = new java.util.TreeMap<>();
        values.forEach((key, value) -> {
            if (value != null && !key.startsWith("x-")) {
                out.put(key, value instanceof Map || value instanceof List ? "" : Values.text(value));
            }
        });
        return out;
    }

    Map<String, Object> extensions() {
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (key.startsWith("x-")) {
                out.put(key, value);
            }
        });
        return Collections.unmodifiableMap(out);
    }

    List<Fields> each(String key) {
        List<Fields> out = new ArrayList<>();
        if (values.get(key) instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                out.add(new Fields(list.get(i), path.key(key).index(i), problems));
            }
        }
        return out;
    }

    Map<String, Fields> entries(String key) {
        Map<String, Fields> out = new LinkedHashMap<>();
        if (values.get(key) instanceof Map<?, ?> map) {
            map.forEach((name, value) -> out.put(String.valueOf(name), new Fields(value, path.key(key).key(String.valueOf(name)), problems)));
        }
        return out;
    }
}
