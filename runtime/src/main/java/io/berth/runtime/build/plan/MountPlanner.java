package io.berth.runtime.build.plan;

import io.berth.runtime.build.dockerfile.Flag;
import io.berth.runtime.build.dockerfile.MountSyntax;
import java.util.List;
import java.util.Locale;

/** One {@code RUN --mount=...} read as BuildKit's parseMount does, values substituted. */
final class MountPlanner {
    private final PlanContext context;
    private final int stageIndex;
    private final String workdir;
    private final Substitution words;
    private final List<String> problems;

    MountPlanner(PlanContext context, int stageIndex, String workdir, Substitution words, List<String> problems) {
        this.context = context;
        this.stageIndex = stageIndex;
        this.workdir = workdir;
        this.words = words;
        this.problems = problems;
    }

    private RunMount fail(Flag flag, String message) {
        problems.add(flag.position() + ": RUN --mount=" + flag.value() + ": " + message);
        return null;
    }

    RunMount plan(Flag flag) {
        RunMount.Type type = RunMount.Type.BIND;
        String from = null;
        String source = "";
        String target = null;
        Boolean readOnly = null;
        String id = null;
        RunMount.Sharing sharing = null;
        Integer mode = null;
        Integer uid = null;
        Integer gid = null;
        boolean required = false;
        Long size = null;
        String env = null;
        for (String field : MountSyntax.fields(flag.value() == null ? "" : flag.value())) {
            int equals = field.indexOf('=');
            String key = (equals < 0 ? field : field.substring(0, equals)).toLowerCase(Locale.ROOT);
            if (equals < 0) {
                switch (key) {
                    case "readonly", "ro" -> readOnly = true;
                    case "readwrite", "rw" -> readOnly = false;
                    case "required" -> required = true;
                    default -> {
                        return fail(flag, "invalid field '" + field + "' must be a key=value pair");
                    }
                }
                continue;
            }
            String value = words.word(field.substring(equals + 1));
            try {
                switch (key) {
                    case "type" -> type = RunMount.Type.valueOf(value.toUpperCase(Locale.ROOT));
                    case "from" -> from = value;
                    case "source", "src" -> source = value;
                    case "target", "dst", "destination" -> target = value;
                    case "readonly", "ro" -> readOnly = Booleans.parse(value);
                    case "readwrite", "rw" -> readOnly = !Booleans.parse(value);
                    case "required" -> required = Booleans.parse(value);
                    case "size" -> size = Sizes.ramBytes(value);
                    case "id" -> id = value;
                    case "sharing" -> sharing = RunMount.Sharing.valueOf(value.toUpperCase(Locale.ROOT));
                    case "mode" -> mode = Integer.parseInt(value, 8);
                    case "uid" -> uid = Integer.parseInt(value);
                    case "gid" -> gid = Integer.parseInt(value);
                    case "env" -> env = value;
                    default -> {
                        return fail(flag, "unexpected key '" + key + "' in '" + field + "'");
                    }
                }
            } catch (IllegalArgumentException e) {
                return fail(flag, "invalid value for " + key + ": " + value);
            }
        }
        if (required && type != RunMount.Type.SECRET && type != RunMount.Type.SSH) {
            return fail(flag, "unexpected key 'required' for mount type '" + lower(type) + "'");
        }
        if (size != null && type != RunMount.Type.TMPFS) {
            return fail(flag, "unexpected key 'size' for mount type '" + lower(type) + "'");
        }
        boolean fileInfoAllowed = type == RunMount.Type.SECRET || type == RunMount.Type.SSH || type == RunMount.Type.CACHE;
        if (!fileInfoAllowed && (mode != null || uid != null || gid != null)) {
            return fail(flag, "mode, uid and gid are not allowed for \"" + lower(type) + "\" type mounts");
        }
        if (sharing != null && type != RunMount.Type.CACHE) {
            return fail(flag, "invalid cache sharing set for " + lower(type) + " mount");
        }
        if (type == RunMount.Type.SSH) {
            return fail(flag, "ssh mounts are not supported by Berth (no SSH agent forwarding into builds)");
        }
        if (type == RunMount.Type.SECRET) {
            if (from != null) {
                return fail(flag, "secret mount should not have a from");
            }
            if (source.isEmpty() && target == null && id == null) {
                return fail(flag, "invalid secret mount. one of source, target required");
            }
            if (!source.isEmpty() && id != null) {
                return fail(flag, "both source and id can't be set");
            }
            if (id == null) {
                id = !source.isEmpty() ? source : baseName(target);
            }
            if (target == null && env == null) {
                target = "/run/secrets/" + id;
            }
        } else if (target == null || target.isEmpty()) {
            return fail(flag, "mount target must be set (target=/path)");
        }
        if (target != null && !target.startsWith("/")) {
            target = Paths.clean(workdir + "/" + target);
        }
        if (type == RunMount.Type.CACHE && id == null) {
            id = target;
        }
        if (type == RunMount.Type.CACHE && sharing == null) {
            sharing = RunMount.Sharing.SHARED;
        }
        boolean ro = readOnly != null ? readOnly : !(type == RunMount.Type.CACHE || type == RunMount.Type.TMPFS);
        BuildSource fromSource = null;
        if (from != null && !from.isEmpty()) {
            String[] problem = new String[1];
            fromSource = context.resolve(from, stageIndex, problem);
            if (fromSource == null) {
                return fail(flag, problem[0]);
            }
        }
        return new RunMount(type, target, fromSource, source, ro, id, sharing, mode, uid, gid, required, size, env);
    }

    private static String lower(RunMount.Type type) {
        return type.name().toLowerCase(Locale.ROOT);
    }

    private static String baseName(String path) {
        String cleaned = Paths.clean(path);
        return cleaned.substring(cleaned.lastIndexOf('/') + 1);
    }
}
