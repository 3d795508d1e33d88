package io.berth.runtime.build.plan;

import io.berth.runtime.build.dockerfile.Flag;
import io.berth.runtime.build.dockerfile.GoDurations;
import io.berth.runtime.build.dockerfile.Instruction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** CMD, ENTRYPOINT, SHELL, HEALTHCHECK, MAINTAINER and ONBUILD: no substitution, settings only. */
final class ImageCommands {
    private ImageCommands() {
    }

    static void apply(StageEvaluator stage, Instruction instruction, Substitution words, String prefix) {
        MutableSettings settings = stage.settings();
        switch (instruction.keyword()) {
            case "CMD" -> {
                settings.cmd = command(settings, instruction, instruction.words());
                settings.argsEscaped = true;
                stage.cmdSet();
                stage.metadata(instruction, words, prefix, "CMD " + GoFormat.quotedList(settings.cmd), null);
            }
            case "ENTRYPOINT" -> {
                List<String> entrypoint = instruction.words().isEmpty() ? null
                        : command(settings, instruction, instruction.words());
                settings.entrypoint = entrypoint;
                if (!stage.cmdSetInStage()) {
                    settings.cmd = null;
                }
                stage.metadata(instruction, words, prefix,
                        "ENTRYPOINT " + GoFormat.quotedList(entrypoint == null ? List.of() : entrypoint), null);
            }
            case "SHELL" -> {
                settings.shell = instruction.words();
                stage.metadata(instruction, words, prefix, "SHELL " + GoFormat.plainList(settings.shell), null);
            }
            case "HEALTHCHECK" -> {
                settings.healthcheck = healthcheck(instruction);
                stage.metadata(instruction, words, prefix, "HEALTHCHECK " + describe(settings.healthcheck), null);
            }
            case "MAINTAINER" -> {
                stage.author(instruction.words().get(0));
                stage.metadata(instruction, words, prefix, "MAINTAINER " + instruction.words().get(0), null);
            }
            default -> {
                settings.onBuild.add(instruction.words().get(0));
                stage.metadata(instruction, words, prefix, "ONBUILD " + instruction.words().get(0), null, false);
            }
        }
    }

    /** The exec form as is; the shell form under the SHELL in force. */
    private static List<String> command(MutableSettings settings, Instruction instruction, List<String> words) {
        if (instruction.jsonForm()) {
            return words;
        }
        List<String> command = new ArrayList<>(settings.effectiveShell());
        command.add(String.join(" ", words));
        return command;
    }

    private static Healthcheck healthcheck(Instruction instruction) {
        List<String> words = instruction.words();
        if (words.get(0).equalsIgnoreCase("NONE")) {
            return new Healthcheck(List.of("NONE"), Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, 0);
        }
        List<String> test = new ArrayList<>();
        test.add(instruction.jsonForm() ? "CMD" : "CMD-SHELL");
        test.addAll(words.subList(1, words.size()));
        int retries = instruction.flag("retries").map(Flag::value).filter(value -> !value.isEmpty())
                .map(ImageCommands::parseInt).orElse(0);
        return new Healthcheck(test, duration(instruction, "interval"), duration(instruction, "timeout"),
                duration(instruction, "start-period"), duration(instruction, "start-interval"), retries);
    }

    private static int parseInt(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Duration duration(Instruction instruction, String name) {
        return instruction.flag(name).map(Flag::value).filter(value -> !value.isEmpty()).map(value -> {
            try {
                return GoDurations.parse(value);
            } catch (IllegalArgumentException e) {
                return Duration.ZERO;
            }
        }).orElse(Duration.ZERO);
    }

    /** Go's {@code %+v} of the healthcheck config, as BuildKit writes it in the history. */
    static String describe(Healthcheck healthcheck) {
        return "{Test:" + GoFormat.plainList(healthcheck.test()) + " Interval:" + GoFormat.duration(healthcheck.interval())
                + " Timeout:" + GoFormat.duration(healthcheck.timeout()) + " StartPeriod:"
                + GoFormat.duration(healthcheck.startPeriod()) + " StartInterval:"
                + GoFormat.duration(healthcheck.startInterval()) + " Retries:"
                + (healthcheck.retries() == null ? 0 : healthcheck.retries()) + "}";
    }
}
