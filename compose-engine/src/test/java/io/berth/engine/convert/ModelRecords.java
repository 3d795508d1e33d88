package io.berth.engine.convert;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds model records for tests by field name, with empty defaults (lists and maps empty,
 * booleans false, the rest null): the model's records have dozens of fields.
 */
final class ModelRecords<T extends Record> {
    private final Class<T> type;
    private final Map<String, Object> values = new HashMap<>();

    private ModelRecords(Class<T> type) {
        this.type = type;
    }

    static <T extends Record> ModelRecords<T> of(Class<T> type) {
        return new ModelRecords<>(type);
    }

    ModelRecords<T> set(String field, Object value) {
        values.put(field, value);
        return this;
    }

    T build() {
        try {
            RecordComponent[] components = type.getRecordComponents();
            Class<?>[] types = new Class<?>[components.length];
            Object[] arguments = new Object[components.length];
            for (int index = 0; index < components.length; index++) {
                RecordComponent component = components[index];
                types[index] = component.getType();
                arguments[index] = values.containsKey(component.getName()) ? values.get(component.getName())
                        : defaultFor(component.getType());
            }
            Constructor<T> constructor = type.getDeclaredConstructor(types);
            return constructor.newInstance(arguments);
        } catch (ReflectiveOperationException failure) {
            throw new IllegalStateException("cannot build " + type.getSimpleName(), failure);
        }
    }

    private static Object defaultFor(Class<?> type) {
        if (type == List.class) {
            return List.of();
        }
        if (type == Map.class) {
            return Map.of();
        }
        if (type == boolean.class) {
            return false;
        }
        if (type == int.class) {
            return 0;
        }
        return null;
    }
}
