package io.berth.runtime.image;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Picks the host's platform (linux/amd64 on these machines) out of a manifest list or OCI index. */
final class PlatformSelector {
    private PlatformSelector() {
    }

    static Descriptor select(JsonNode index, String what) throws IOException {
        String arch = Platform.architecture();
        List<String> offered = new ArrayList<>();
        for (JsonNode entry : index.path("manifests")) {
            JsonNode platform = entry.path("platform");
            String os = platform.path("os").asText("");
            String entryArch = platform.path("architecture").asText("");
            offered.add(os + "/" + entryArch);
            if (os.equals(Platform.OS) && entryArch.equals(arch)) {
                return Descriptor.from(entry, what);
            }
        }
        if (index.path("manifests").size() == 1 && offered.get(0).equals("/")) {
            return Descriptor.from(index.path("manifests").get(0), what); // no platform given: the only one
        }
        throw new IOException(what + ": no image for " + Platform.OS + "/" + arch + " (offered: "
                + String.join(", ", offered) + ")");
    }
}
