package io.berth.cli.compose;

import io.berth.cli.ExitCodes;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code --scale SERVICE=NUM}, repeatable. */
final class ScaleOption {
    private ScaleOption() {
    }

    static Map<String, Integer> parse(List<String> values) {
        Map<String, Integer> scale = new TreeMap<>();
        for (String value : values) {
            int equals = value.indexOf('=');
            try {
                if (equals <= 0) {
                    throw new NumberFormatException();
                }
                int count = Integer.parseInt(value.substring(equals + 1));
                if (count < 0) {
                    throw new NumberFormatException();
                }
                scale.put(value.substring(0, equals), count);
            } catch (NumberFormatException malformed) {
                throw new ExitCodes.UsageException("--scale " + value + ": expected SERVICE=NUM with NUM >= 0");
            }
        }
        return scale;
    }
}
