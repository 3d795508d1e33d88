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
              wrong without it (GPUs, another runtime, user namespaces, another platform).
            - `logging:` without `max-size` keeps Berth's default rotation (3 files of 10 MB) rather than a
              log that grows without bound.
            - `devices:` binds the host's node (non-recursively) instead of making one with mknod: the same
              device, owner and mode.
            - Images of many layers: each container's lower layers are linked as `lower/0`, `lower/1`, ...
              beside its rootfs and mounted by those short relative names; at most 128 layers, as Docker.
            - `post_start`/`pre_stop`: run by whoever starts or stops the container (up, start, restart,
              stop, down, rm -s, a recreate, a scale-down), never by a restart policy, as with Docker; each
              hook is an exec (the runtime's, which joins every namespace and cgroup before the command
              runs), waited for, in order. As Docker Compose: a failing post_start fails the command and
              leaves the container running; a failing pre_stop fails the stop and the container is not
              stopped (`berth kill` then `down` gets out of it). The hooks are kept in the container's
              spec, so `stop` and `down` use those it was created with (Compose reads the current file;
              a changed hook recreates the container at the next `up` anyway). Their output is shown as
              `NAME post_start: LINE`, with `-d` too.
            - `device_cgroup_rules`: each rule goes after Docker's default devices; on cgroup v1 into
              devices.allow as written (the kernel reads a rule of type `a` as "every device"), on v2 into
              the eBPF device filter, which now takes any rule (type a/b/c, `*` major or minor, any of
              rwm) in place of character devices with full access only. `devices:` uses the same rules.
            - `platform:`: a pull chooses the host's manifest out of an index (Docker's manifest lists
              too) and refuses, naming the platforms offered, an index without it; an image whose config
              names another OS or architecture is refused at pull ("berth runs linux/amd64 images only"),
              as Berth cannot emulate one (no binfmt/qemu). A `platform:` other than the host's is refused
              by `up` before anything is made. An image of another platform that is already here
              (`image load`) is refused when a container is created from it if the service sets
              `platform:`; without, `up`/`run` warn and create it, as Docker does (docs/images.md).
            - `scripts/compose-compare` runs Docker Compose v2 beside Berth on one small file per key
              (scripts/compose-compare.d), probes the effect inside each container and checks this table's
              verdicts against what it saw (docs/compose-compare.md holds its last report).
            """;
}
