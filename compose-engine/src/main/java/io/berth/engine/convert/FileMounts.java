package io.berth.engine.convert;

import io.berth.engine.EngineException;
import io.berth.model.FileObjectConfig;
import io.berth.model.FileReference;
import io.berth.model.Project;
import io.berth.model.Service;
import io.berth.runtime.MountSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A service's {@code secrets:} and {@code configs:} as mounts, as Docker Compose v2 places them:
 * a secret at {@code /run/secrets/NAME} (a relative target under {@code /run/secrets}), a config
 * at {@code /NAME} (a relative target under {@code /}). A {@code file:} with no uid, gid or mode is
 * bind-mounted read-only, as Compose does; everything else (environment, content, or a file with an
 * owner or mode, which Compose ignores with a warning) is a copy the runtime serves from a tmpfs of
 * the container's own (mode 0444 and owner 0:0 unless given, Compose's defaults for copies).
 */
final class FileMounts {
    private FileMounts() {
    }

    static List<MountSpec> of(Project project, Service service) {
        List<MountSpec> mounts = new ArrayList<>();
        for (FileReference reference : service.secrets()) {
            mounts.add(mount(project, service, "secret", project.secrets().get(reference.source()), reference,
                    target(reference, "/run/secrets/")));
        }
        for (FileReference reference : service.configs()) {
            mounts.add(mount(project, service, "config", project.configs().get(reference.source()), reference,
                    target(reference, "/")));
        }
        return mounts;
    }

    private static String target(FileReference reference, String base) {
        String target = reference.target() == null || reference.target().isEmpty() ? reference.source()
                : reference.target();
        return target.startsWith("/") ? target : base + target;
    }

    private static MountSpec mount(Project project, Service service, String kind, FileObjectConfig definition,
                                   FileReference reference, String target) {
        String where = "service " + service.name() + ": " + kind + " " + reference.source();
        if (definition == null) {
            throw new EngineException(where + " is not defined");
        }
        if (definition.external()) {
            throw new EngineException(where + ": external " + kind + "s are not supported by berth (they need a"
                    + " swarm; use file:, environment:" + (kind.equals("config") ? " or content:" : "") + ")");
        }
        boolean ownerOrMode = reference.uid() != null || reference.gid() != null || reference.mode() != null;
        if (definition.file() != null && !ownerOrMode) {
            return new MountSpec(MountSpec.Type.BIND, definition.file(), target, true,
                    Map.of("create-host-path", "false"));
        }
        Map<String, String> options = new LinkedHashMap<>();
        options.put("uid", number(where, "uid", reference.uid()));
        options.put("gid", number(where, "gid", reference.gid()));
        options.put("mode", Integer.toOctalString(reference.mode() == null ? 0444 : reference.mode()));
        if (definition.file() != null) {
            return new MountSpec(MountSpec.Type.FILE, definition.file(), target, true, options);
        }
        String content = definition.inlineContent(project.environment());
        if (definition.environment() != null && content == null) {
            throw new EngineException(where + ": environment variable " + definition.environment()
                    + " is not set (set it, or put it in .env)");
        }
        if (content == null) {
            throw new EngineException(where + ": needs file:, environment:"
                    + (kind.equals("config") ? " or content:" : ""));
        }
        options.put("content", content);
        return new MountSpec(MountSpec.Type.FILE, null, target, true, options);
    }

    private static String number(String where, String what, String value) {
        if (value == null || value.isEmpty()) {
            return "0";
        }
        try {
            return Integer.toString(Integer.parseInt(value.strip()));
        } catch (NumberFormatException e) {
            throw new EngineException(where + ": " + what + " \"" + value + "\" must be a number");
        }
    }
}
