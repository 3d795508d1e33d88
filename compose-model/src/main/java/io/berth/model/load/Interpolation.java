package io.berth.model.load;

import io.berth.model.interpolation.InterpolationException;
import io.berth.model.interpolation.Interpolator;
import io.berth.model.interpolation.VariableLookup;
import io.berth.model.tree.ComposePath;
import io.berth.model.tree.Problems;
import io.berth.model.yaml.Tagged;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Interpolation phase: substitutes variables in every string value of a parsed file, never in keys. */
final class Interpolation {
    private final Interpolator interpolator;
    private final Problems problems;

    Interpolation(Map<String, String> variables, Problems problems) {
        this.interpolator = new Interpolator(VariableLookup.of(variables));
        this.problems = problems;
    }

    /** Variables referenced plainly ({@code $VAR}) that were unset and became empty. */
    java.util.Set<String> unsetVariables() {
        return interpolator.unsetVariables();
    }

    Object apply(Object value, ComposePath path) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            Values.map(map).forEach((key, item) -> out.put(key, apply(item, path.key(key))));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                out.add(apply(list.get(i), path.index(i)));
            }
            return out;
        }
        if (value instanceof Tagged tagged) {
            return new Tagged(tagged.tag(), apply(tagged.value(), path));
        }
        if (value instanceof String text) {
            try {
                return cast(interpolator.interpolate(text), path);
            } catch (InterpolationException e) {
                problems.add(path, e.kind() == InterpolationException.Kind.INVALID_TEMPLATE
                        ? "invalid interpolation format \"" + e.template() + "\" (write a literal $ as $$)"
                        : e.getMessage());
                return text;
            }
        }
        return value;
    }

    private Object cast(String text, ComposePath path) {
        TypeCasts.Kind kind = TypeCasts.at(path);
        if (kind == null) {
            return text;
        }
        Object cast = TypeCasts.cast(text, kind);
        if (cast == null) {
            problems.add(path, "must be " + TypeCasts.expected(kind) + ", got \"" + text + "\"");
            return text;
        }
        return cast;
    }
}
