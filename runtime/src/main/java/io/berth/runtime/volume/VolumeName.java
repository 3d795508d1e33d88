package io.berth.runtime.volume;

import io.berth.runtime.RuntimeOperationException;
import java.util.regex.Pattern;

/**
 * Docker's rule for volume names, {@code [a-zA-Z0-9][a-zA-Z0-9_.-]*}: no "/", and no name that
 * is "." or "..", so a name can never lead outside the volume store.
 */
public final class VolumeName {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");

    private VolumeName() {
    }

    public static String validate(String name) {
        if (name == null || name.length() > 255 || !NAME.matcher(name).matches()) {
            throw new RuntimeOperationException(RuntimeOperationException.Kind.INVALID, "invalid volume name \""
                    + name + "\": it must match [a-zA-Z0-9][a-zA-Z0-9_.-]* (no \"/\", no \"..\")");
        }
        return name;
    }
}
