package io.berth.engine;

import io.berth.runtime.build.BuildRequest;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A service's {@code build:} as the builder takes it, decided from the Compose file.
 *
 * @param request         the build as the file asks it (the command's --no-cache, --pull, --build-arg apply later)
 * @param contextServices services whose images are named contexts ({@code additional_contexts: service:NAME}):
 *                        built first
 * @param unsupported     what Berth cannot build, one line each naming the key: {@code up}/{@code build} refuse
 * @param warnings        what Berth does differently and says so (cache_from/cache_to: the local cache is used)
 * @param imageNamed      the file names the image ({@code image:}): Compose tries to pull it before building
 */
public record ImageBuild(BuildRequest request, SortedSet<String> contextServices, List<String> unsupported,
                         List<String> warnings, boolean imageNamed) {
    public ImageBuild {
        contextServices = new TreeSet<>(contextServices);
        unsupported = List.copyOf(unsupported);
        warnings = List.copyOf(warnings);
    }
}
