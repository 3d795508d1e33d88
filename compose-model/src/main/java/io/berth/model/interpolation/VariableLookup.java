package io.berth.model.interpolation;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where interpolation finds a variable's value, like compose-go's {@code template.Mapping}:
 * an empty Optional means the variable is unset, {@code Optional.of("")} means it is set and empty
 * (the two differ for {@code ${VAR-default}}, {@code ${VAR?err}} and {@code ${VAR+alt}}).
 */
@FunctionalInterface
public interface VariableLookup {

    Optional<String> lookup(String name);

    /** A lookup over a map; a key mapped to null counts as unset. */
    static VariableLookup of(Map<String, String> variables) {
        Objects.requireNonNull(variables, "variables");
        return name -> Optional.ofNullable(variables.get(name));
    }

    /** A lookup where every variable is unset. */
    static VariableLookup none() {
        return name -> Optional.empty();
    }

    /** This lookup, falling back to {@code fallback} for the variables this one leaves unset. */
    default VariableLookup orElse(VariableLookup fallback) {
        Objects.requireNonNull(fallback, "fallback");
        return name -> {
            Optional<String> value = lookup(name);
            return value.isPresent() ? value : fallback.lookup(name);
        };
    }
}
