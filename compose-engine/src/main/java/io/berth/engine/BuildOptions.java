package io.berth.engine;

import java.util.Map;
import java.util.TreeMap;

/**
 * How the commands ask for images to be built.
 *
 * @param always    build every selected service that has a build section ({@code berth build}, {@code up --build})
 * @param never     never build ({@code up --no-build}): a missing image is an error
 * @param noCache   --no-cache
 * @param pull      --pull: base images are pulled even when present
 * @param buildArgs --build-arg, over the file's args (values already taken from the environment)
 */
public record BuildOptions(boolean always, boolean never, boolean noCache, boolean pull, Map<String, String> buildArgs) {
    public static final BuildOptions DEFAULT = new BuildOptions(false, false, false, false, Map.of());

    public BuildOptions {
        if (always && never) {
            throw new EngineException("--build and --no-build are incompatible");
        }
        buildArgs = new TreeMap<>(buildArgs == null ? Map.of() : buildArgs);
    }

    public static BuildOptions always(boolean noCache, boolean pull, Map<String, String> buildArgs) {
        return new BuildOptions(true, false, noCache, pull, buildArgs);
    }

    /** {@code up}: --build, --no-build, or build only what is missing. */
    public static BuildOptions forUp(boolean build, boolean noBuild) {
        return new BuildOptions(build, noBuild, false, false, Map.of());
    }
}
