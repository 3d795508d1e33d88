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

    /** Loader-only key: the directory a build without context defaults to, if no merged file gives one. */
    static final String DEFAULT_CONTEXT = "x-berth-default-context";

    /** After merge and extends: each build without a context gets its file's directory. */
    static void defaultContexts(Map<String, Object> services) {
        for (Object service : services.values()) {
            if (service instanceof Map<?, ?> fields && fields.get("build") instanceof Map<?, ?> build) {
                Object fallback = Values.map(build).remove(DEFAULT_CONTEXT);
                if (!build.containsKey("context")) {
                    Values.map(build).put("context", fallback == null ? "." : fallback);
                }
            }
        }
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
        if (tree.get("volumes") instanceof Map<?, ?> volumes) {
            for (Object volume : volumes.values()) {
                // a local bind volume's device is a host path: relative to the file, as compose-go resolves it
                if (volume instanceof Map<?, ?> map && "local".equals(map.get("driver"))
                        && map.get("driver_opts") instanceof Map<?, ?> options
                        && options.get("o") instanceof String mountOptions && mountOptions.contains("bind")) {
                    absolute(Values.map(options), "device");
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
        } else if (service.get("build") instanceof Map<?, ?> build && !build.containsKey("context")) {
            // build: {dockerfile: X} keeps the context of a file it is merged onto or extends
            Values.map(build).put(DEFAULT_CONTEXT, PathNames.absolute(".", base, home));
        }
        if (service.get("build") instanceof Map<?, ?> build && build.get("additional_contexts") instanceof Map<?, ?> contexts) {
            Values.map(contexts).replaceAll((name, location) -> location instanceof String path && !isRemote(path)
                    && !path.startsWith("service:") ? PathNames.absolute(path, base, home) : location);
        }
        if (service.get("volumes") instanceof List<?> volumes) {
            for (Object volume : volumes) {
                if (volume instanceof Map<?, ?> map && "bind".equals(map.get("type"))
                        && !(map.get("source") instanceof String source && isWindowsPath(source))) {
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
        if (service.get("label_file") instanceof String file) {
            service.put("label_file", PathNames.absolute(file, base, home));
        } else if (service.get("label_file") instanceof List<?> files) {
            List<Object> resolved = new java.util.ArrayList<>();
            // anything but a string is kept for the normalizer to report
            files.forEach(file -> resolved.add(file instanceof String path ? PathNames.absolute(path, base, home) : file));
            service.put("label_file", resolved);
        }
        if (service.get("develop") instanceof Map<?, ?> develop && develop.get("watch") instanceof List<?> rules) {
            for (Object rule : rules) {
                if (rule instanceof Map<?, ?> map) {
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

    /** A drive letter or a UNC path: compose-go keeps it as written. */
    static boolean isWindowsPath(String path) {
        return path.startsWith("\\\\") || path.length() >= 2 && Character.isLetter(path.charAt(0)) && path.charAt(1) == ':';
    }

    static boolean isRemote(String context) {
        return context.contains("://") || context.startsWith("git@") || context.startsWith("github.com/");
    }
}
