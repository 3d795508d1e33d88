package io.berth.model.load;

import java.util.List;
import java.util.Map;

/**
 * Resolves a file's relative paths against its base directory: build contexts, bind sources,
 * env files, extends files, secret and config files. {@code ~} is the home directory.
 */
final class RelativePaths {
    private final String base;
    private final String home;

    RelativePaths(String base, String home) {
        this.base = base;
        this.home = home;
    }

    void resolve(Map<String, Object> tree) {
        if (tree.get("services") instanceof Map<?, ?> services) {
            for (Object service : services.values()) {
                Object fields = service instanceof io.berth.model.yaml.Tagged tagged ? tagged.value() : service;
                if (fields instanceof Map<?, ?> map) {
                    service(Values.map(map));
                }
            }
        }
        for (String kind : List.of("secrets", "configs")) {
            if (tree.get(kind) instanceof Map<?, ?> objects) {
                for (Object object : objects.values()) {
                    if (object instanceof Map<?, ?> map) {
                        absolute(Values.map(map), "file");
                    }
                }
            }
        }
    }

    private void service(Map<String, Object> service) {
        if (service.get("build") instanceof Map<?, ?> build && build.get("context") instanceof String context
                && !isRemote(context)) {
            Values.map(build).put("context", PathNames.absolute(context, base, home));
        }
        if (service.get("volumes") instanceof List<?> volumes) {
            for (Object volume : volumes) {
                if (volume instanceof Map<?, ?> map && "bind".equals(map.get("type"))) {
                    absolute(Values.map(map), "source");
                }
            }
        }
        if (service.get("env_file") instanceof List<?> files) {
            for (Object file : files) {
                if (file instanceof Map<?, ?> map) {
                    absolute(Values.map(map), "path");
                }
            }
        }
        if (service.get("extends") instanceof Map<?, ?> extended) {
            absolute(Values.map(extended), "file");
        }
    }

    private void absolute(Map<String, Object> holder, String key) {
        if (holder.get(key) instanceof String path) {
            holder.put(key, PathNames.absolute(path, base, home));
        }
    }

    static boolean isRemote(String context) {
        return context.contains("://") || context.startsWith("git@") || context.startsWith("github.com/");
    }
}
