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
        return out.toString();
    }
}
