package io.berth.runtime.build.plan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The predefined build args, the proxy args, and the global (before FROM) scope, as BuildKit sets them. */
final class BuildArgs {
    static final Set<String> PROXY_NAMES = Set.of("http_proxy", "https_proxy", "ftp_proxy", "no_proxy", "all_proxy");
    static final List<String> PREDEFINED = List.of("BUILDPLATFORM", "BUILDOS", "BUILDOSVERSION", "BUILDARCH",
            "BUILDVARIANT", "TARGETPLATFORM", "TARGETOS", "TARGETOSVERSION", "TARGETARCH", "TARGETVARIANT", "TARGETSTAGE");

    private BuildArgs() {
    }

    static boolean isProxy(String name) {
        return PROXY_NAMES.contains(name.toLowerCase(Locale.ROOT));
    }

    /** The platform args (overridable by build args of the same name), in BuildKit's order. */
    static Map<String, String> predefined(BuildPlatform platform, String targetStage, Map<String, String> buildArgs) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("BUILDPLATFORM", platform.os() + "/" + platform.architecture());
        values.put("BUILDOS", platform.os());
        values.put("BUILDOSVERSION", "");
        values.put("BUILDARCH", platform.architecture());
        values.put("BUILDVARIANT", platform.variant());
        values.put("TARGETPLATFORM", platform.toString());
        values.put("TARGETOS", platform.os());
        values.put("TARGETOSVERSION", "");
        values.put("TARGETARCH", platform.architecture());
        values.put("TARGETVARIANT", platform.variant());
        values.put("TARGETSTAGE", targetStage == null || targetStage.isEmpty() ? "default" : targetStage);
        for (String name : PREDEFINED) {
            if (buildArgs.containsKey(name)) {
                values.put(name, buildArgs.get(name));
            }
        }
        return values;
    }

    /** "KEY=value" of the proxy build args, sorted by name, for RUN. */
    static List<String> proxyEnv(Map<String, String> buildArgs) {
        return buildArgs.entrySet().stream().filter(entry -> isProxy(entry.getKey()))
                .sorted(Map.Entry.comparingByKey()).map(entry -> entry.getKey() + "=" + entry.getValue()).toList();
    }
}
