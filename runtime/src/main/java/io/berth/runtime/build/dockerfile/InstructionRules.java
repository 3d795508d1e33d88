package io.berth.runtime.build.dockerfile;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks an instruction's flags and arguments as BuildKit's instruction parser does. */
final class InstructionRules {
    enum Kind { STRING, BOOL, STRINGS }

    private static final Map<String, Map<String, Kind>> FLAGS = Map.of(
            "ADD", Map.of("chown", Kind.STRING, "chmod", Kind.STRING, "link", Kind.BOOL, "keep-git-dir", Kind.BOOL,
                    "checksum", Kind.STRING, "unpack", Kind.BOOL, "exclude", Kind.STRINGS),
            "COPY", Map.of("chown", Kind.STRING, "from", Kind.STRING, "chmod", Kind.STRING, "link", Kind.BOOL,
                    "exclude", Kind.STRINGS, "parents", Kind.BOOL),
            "FROM", Map.of("platform", Kind.STRING),
            "RUN", Map.of("mount", Kind.STRINGS, "network", Kind.STRING, "security", Kind.STRING),
            "HEALTHCHECK", Map.of("interval", Kind.STRING, "timeout", Kind.STRING, "start-period", Kind.STRING,
                    "start-interval", Kind.STRING, "retries", Kind.STRING));
    private static final Pattern STAGE_NAME = Pattern.compile("^[a-z][a-z0-9-_.]*$");

    private final List<String> problems;

    InstructionRules(List<String> problems) {
        this.problems = problems;
    }

    private void problem(SourcePosition position, String message) {
        problems.add(position + ": " + message);
    }

    void check(Instruction instruction) {
        checkFlags(instruction);
        String keyword = instruction.keyword();
        List<String> words = instruction.words();
        SourcePosition at = instruction.position();
        switch (keyword) {
            case "ENV", "LABEL" -> {
                if (words.isEmpty()) {
                    problem(at, keyword + " requires at least one argument");
                }
                for (int i = 0; i < words.size(); i += 2) {
                    if (words.get(i).isEmpty()) {
                        problem(at, keyword + " names can not be blank");
                    }
                }
            }
            case "ARG" -> {
                if (words.isEmpty()) {
                    problem(at, "ARG requires at least one argument");
                }
                for (String word : words) {
                    if (word.startsWith("=")) {
                        problem(at, "ARG names can not be blank");
                    }
                }
            }
            case "MAINTAINER", "WORKDIR", "USER", "STOPSIGNAL" -> {
                if (words.size() != 1) {
                    problem(at, keyword + " requires exactly one argument");
                }
            }
            case "EXPOSE", "VOLUME" -> {
                if (words.isEmpty()) {
                    problem(at, keyword + " requires at least one argument");
                }
                if (keyword.equals("VOLUME") && words.stream().anyMatch(String::isBlank)) {
                    problem(at, "VOLUME specified can not be an empty string");
                }
            }
            case "ADD", "COPY" -> checkCopy(instruction);
            case "FROM" -> checkFrom(instruction);
            case "RUN" -> checkRun(instruction);
            case "SHELL" -> {
                if (words.isEmpty()) {
                    problem(at, "SHELL requires at least one argument");
                } else if (!instruction.jsonForm()) {
                    problem(at, "SHELL requires the arguments to be in JSON form (SHELL [\"/bin/bash\", \"-c\"])");
                }
            }
            case "HEALTHCHECK" -> checkHealthcheck(instruction);
            case "ONBUILD" -> checkOnbuild(instruction);
            default -> {
            }
        }
    }

    private void checkFlags(Instruction instruction) {
        Map<String, Kind> allowed = FLAGS.getOrDefault(instruction.keyword(), Map.of());
        if (instruction.keyword().equals("HEALTHCHECK") && !instruction.words().isEmpty()
                && instruction.words().get(0).equalsIgnoreCase("NONE")) {
            allowed = Map.of();
        }
        Set<String> seen = new HashSet<>();
        for (Flag flag : instruction.flags()) {
            Kind kind = allowed.get(flag.name());
            if (kind == null) {
                problem(flag.position(), instruction.keyword() + ": unknown flag: --" + flag.name()
                        + (allowed.isEmpty() ? " (" + instruction.keyword() + " takes no flags)"
                        : Suggestions.didYouMean(flag.name(), allowed.keySet())));
                continue;
            }
            if (!seen.add(flag.name()) && kind != Kind.STRINGS) {
                problem(flag.position(), instruction.keyword() + ": duplicate flag specified: --" + flag.name());
            }
            if (kind == Kind.BOOL) {
                if (flag.value() != null && flag.value().isEmpty()) {
                    problem(flag.position(), instruction.keyword() + ": missing a value on flag: --" + flag.name());
                } else if (flag.value() != null && !Set.of("true", "false").contains(flag.value().toLowerCase(Locale.ROOT))) {
                    problem(flag.position(), instruction.keyword() + ": expecting boolean value for flag --"
                            + flag.name() + ", not: " + flag.value());
                }
            } else if (flag.value() == null) {
                problem(flag.position(), instruction.keyword() + ": missing a value on flag: --" + flag.name());
            }
        }
    }

    private void checkCopy(Instruction instruction) {
        List<String> words = instruction.words();
        if (words.size() < 2) {
            problem(instruction.position(), instruction.keyword() + " requires at least two arguments, but only "
                    + (words.isEmpty() ? "none was" : "one was") + " provided. Destination could not be determined");
            return;
        }
        try {
            if (InstructionReader.opening(words.get(words.size() - 1)) != null) {
                problem(instruction.position(), instruction.keyword() + " cannot accept a heredoc as a destination");
            }
        } catch (io.berth.runtime.build.shell.SubstitutionException e) {
            problem(instruction.position(), e.getMessage());
        }
    }

    private void checkFrom(Instruction instruction) {
        List<String> words = instruction.words();
        if (words.size() == 3 && words.get(1).equalsIgnoreCase("as")) {
            if (!STAGE_NAME.matcher(words.get(2).toLowerCase(Locale.ROOT)).matches()) {
                problem(instruction.position(), "invalid name for build stage: \"" + words.get(2)
                        + "\", name can't start with a number or contain symbols");
            }
        } else if (words.size() != 1) {
            problem(instruction.position(), "FROM requires either one or three arguments (FROM image [AS name])");
        }
    }

    private void checkRun(Instruction instruction) {
        if (instruction.words().isEmpty() && instruction.heredocs().isEmpty()) {
            problem(instruction.position(), "RUN requires at least one argument");
        }
        instruction.flag("network").ifPresent(flag -> {
            if (flag.value() != null && !flag.value().contains("$")
                    && !Set.of("default", "none", "host").contains(flag.value())) {
                problem(flag.position(), "RUN: invalid network mode \"" + flag.value() + "\" (default, none or host)");
            }
        });
        instruction.flag("security").ifPresent(flag -> {
            if (flag.value() != null && !Set.of("sandbox", "insecure").contains(flag.value())) {
                problem(flag.position(), "RUN: security \"" + flag.value() + "\" is not valid (sandbox or insecure)");
            }
        });
        for (Flag mount : instruction.flagsNamed("mount")) {
            if (mount.value() == null || mount.value().contains("$")) {
                continue;
            }
            String problem = MountSyntax.check(mount.value());
            if (problem != null) {
                problem(mount.position(), "RUN --mount: " + problem);
            }
        }
    }

    private void checkHealthcheck(Instruction instruction) {
        List<String> words = instruction.words();
        SourcePosition at = instruction.position();
        if (words.isEmpty()) {
            problem(at, "HEALTHCHECK requires at least one argument");
            return;
        }
        String type = words.get(0).toUpperCase(Locale.ROOT);
        if (type.equals("NONE")) {
            if (words.size() != 1) {
                problem(at, "HEALTHCHECK NONE takes no arguments");
            }
            return;
        }
        if (!type.equals("CMD")) {
            problem(at, "Unknown type \"" + words.get(0) + "\" in HEALTHCHECK (try CMD)");
            return;
        }
        if (words.size() == 1) {
            problem(at, "Missing command after HEALTHCHECK CMD");
        }
        for (String name : List.of("interval", "timeout", "start-period", "start-interval")) {
            instruction.flag(name).filter(flag -> flag.value() != null && !flag.value().isEmpty()).ifPresent(flag -> {
                try {
                    Duration duration = GoDurations.parse(flag.value());
                    if (!duration.isZero() && duration.compareTo(Duration.ofMillis(1)) < 0) {
                        problem(flag.position(), "HEALTHCHECK: --" + name + " cannot be less than 1ms");
                    }
                } catch (IllegalArgumentException e) {
                    problem(flag.position(), "HEALTHCHECK: --" + name + ": " + e.getMessage()
                            + " (a Go duration like 30s, 1m30s)");
                }
            });
        }
        instruction.flag("retries").filter(flag -> flag.value() != null && !flag.value().isEmpty()).ifPresent(flag -> {
            try {
                if (Integer.parseInt(flag.value()) < 0) {
                    problem(flag.position(), "HEALTHCHECK: --retries cannot be negative (" + flag.value() + ")");
                }
            } catch (NumberFormatException e) {
                problem(flag.position(), "HEALTHCHECK: --retries is not a number: " + flag.value());
            }
        });
    }

    private void checkOnbuild(Instruction instruction) {
        if (instruction.arguments().isEmpty()) {
            problem(instruction.position(), "ONBUILD requires at least one argument");
            return;
        }
        String trigger = instruction.arguments().split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
        switch (trigger) {
            case "ONBUILD" -> problem(instruction.position(), "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
            case "MAINTAINER", "FROM" -> problem(instruction.position(), trigger + " isn't allowed as an ONBUILD trigger");
            default -> {
            }
        }
    }
}
