package io.berth.runtime.launch;

import io.berth.runtime.ContainerId;
import io.berth.runtime.RuntimeOperationException;
import io.berth.runtime.RuntimeOperationException.Kind;
import java.util.regex.Pattern;

/** Container names as Docker allows them, and the names Berth makes up when none is given. */
public final class ContainerIdNames {
    private static final Pattern VALID = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");

    private ContainerIdNames() {
    }

    public static String nameFor(String requested, ContainerId id) {
        if (requested == null || requested.isEmpty()) {
            return "berth_" + id.shortId();
        }
        String name = requested.startsWith("/") ? requested.substring(1) : requested;
        if (!VALID.matcher(name).matches()) {
            throw new RuntimeOperationException(Kind.INVALID, "invalid container name \"" + requested
                    + "\": only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        }
        return name;
    }

    /** Anonymous volumes get a random 64-hex name, as Docker's do. */
    public static String anonymousVolume() {
        return ContainerId.random().value();
    }
}
