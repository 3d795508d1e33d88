package io.berth.engine.support;

import java.util.Map;

/**
 * docs/compose-support.md, rendered from {@link SupportTable}: generated, never edited by hand
 * ({@code SupportDocTest} fails when the file differs; {@code scripts/compose-support-doc} rewrites it).
 */
public final class SupportDoc {
    private SupportDoc() {
    }

    public static String render() {
        StringBuilder out = new StringBuilder();
        out.append("# Compose service keys in Berth\n\n")
                .append("Generated from `SupportTable` (compose-engine) by `scripts/compose-support-doc`; do not edit.\n")
                .append("`SupportDocTest` fails when this file and the table differ, and `UnsupportedKeysTest` when\n")
                .append("the model accepts a service key the table does not list.\n\n")
                .append("- **works**: takes effect as in Docker Compose v2 (a note says how, where it matters).\n")
                .append("- **differs**: takes effect, with the difference the note says.\n")
                .append("- **swarm only**: Docker Compose v2 ignores it without a word; so does Berth.\n")
                .append("- **warns**: no effect; `up`, `create` and `run` print the message once per service.\n")
                .append("- **refused**: no effect, and running without it would be wrong: `up`, `create` and `run` stop\n")
                .append("  with the message (every such key at once) and create nothing.\n\n")
                .append("Some keys are refused for some values only (the note says which): the message then\n")
                .append("names the value, e.g. `service web: ipc is not supported by berth (ipc: host: ...)`.\n")
                .append("Keys under `build:` are the builder's (docs/images.md).\n\n")
                .append("| key | support | note or message |\n| --- | --- | --- |\n");
        for (Map.Entry<String, KeySupport> entry : SupportTable.all().entrySet()) {
            KeySupport support = entry.getValue();
            String level = switch (support.level()) {
                case WORKS -> "works";
                case DIFFERS -> "differs";
                case SWARM_ONLY -> "swarm only";
                case WARN -> "warns";
                case REFUSE -> "refused";
            };
            String note = switch (support.level()) {
                case WARN, REFUSE -> "`" + support.message("NAME") + "`";
                default -> support.note();
            };
            out.append("| `").append(entry.getKey()).append("` | ").append(level).append(" | ")
                    .append(note.replace("|", "\\|")).append(" |\n");
        }
        out.append(DECISIONS);
        return out.toString();
    }

    private static final String DECISIONS = """

            ## Decisions (issue 14)

            - Secrets and configs: a `file:` with no `uid`, `gid` or `mode` is bind-mounted read-only, as
              Docker Compose does. `environment:`, `content:`, and any file with an owner or mode are served
              as a copy (owner 0:0 and mode 0444 unless given, Compose's defaults for copies) on a small tmpfs
              the launcher mounts for the container at each start and detaches from the host once the init
              stage has bound the copies: they live exactly as long as the container's mount namespace, never
              as a bind of the host file. The text of an `environment:`/`content:` item is kept in the
              container's state, as Compose keeps it in the container's writable layer.
            - A secret's relative `target` is under `/run/secrets/`, a config's under `/`. A secret whose
              variable is unset, an `external:` secret or config: `up` refuses (nothing is created).
            - `init: true`: berth-init stays PID 1 (its comm is `berth-init` where Docker shows `docker-init`),
              forks the command into a process group of its own, forwards every signal to it (not to the
              group, as tini without `-g`), reaps every zombie and exits with the command's status
              (128 + signal when killed).
            - Not supported: a warning where running without the key changes no result the file asks for
              (limits Berth cannot set, Windows keys, log options); a refusal where the container would be
              wrong without it (device cgroup rules, GPUs, another runtime, lifecycle hooks, user namespaces,
              another platform).
            - `logging:` without `max-size` keeps Berth's default rotation (3 files of 10 MB) rather than a
              log that grows without bound.
            - `devices:` binds the host's node (non-recursively) instead of making one with mknod: the same
              device, owner and mode.
            - Images of many layers: each container's lower layers are linked as `lower/0`, `lower/1`, ...
              beside its rootfs and mounted by those short relative names; at most 128 layers, as Docker.
            """;
}
