package io.berth.runtime.build.plan;

import io.berth.runtime.build.dockerfile.Flag;
import io.berth.runtime.build.dockerfile.Heredoc;
import io.berth.runtime.build.dockerfile.Instruction;
import io.berth.runtime.build.dockerfile.Stage;
import io.berth.runtime.build.shell.SubstitutionException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A COPY or ADD as a {@link CopyStep}, checked and substituted as BuildKit's dispatchCopy does. */
final class CopyPlanner {

    private final PlanContext context;
    private final Stage stage;
    private final MutableSettings settings;
    private final StageScope scope;
    private final List<String> problems;

    CopyPlanner(PlanContext context, Stage stage, MutableSettings settings, StageScope scope, List<String> problems) {
        this.context = context;
        this.stage = stage;
        this.settings = settings;
        this.scope = scope;
        this.problems = problems;
    }

    private void problem(Instruction instruction, String message) {
        problems.add(instruction.position() + ": " + instruction.keyword() + ": " + message);
    }

    CopyStep plan(Instruction instruction, Substitution words, String prefix) {
        boolean add = instruction.keyword().equals("ADD");
        List<String> args = instruction.words();
        Map<String, Heredoc> heredocs = new HashMap<>();
        instruction.heredocs().forEach(heredoc -> heredocs.put(heredoc.name(), heredoc));
        List<String> sources = new ArrayList<>();
        List<InlineFile> inline = new ArrayList<>();
        List<String> inlineNames = new ArrayList<>();
        for (String word : args.subList(0, Math.max(0, args.size() - 1))) {
            Heredoc opening = opening(word);
            if (opening != null && heredocs.containsKey(opening.name())) {
                Heredoc heredoc = heredocs.get(opening.name());
                String content = heredoc.chomped();
                inline.add(new InlineFile(opening.name(), opening.expand() ? words.content(content) : content, 0644));
                inlineNames.add(opening.name());
            } else {
                sources.add(words.word(word));
            }
        }
        String writtenDestination = words.word(args.get(args.size() - 1));
        String chown = instruction.flag("chown").map(Flag::value).map(words::word).filter(v -> !v.isEmpty()).orElse(null);
        String chmod = instruction.flag("chmod").map(Flag::value).map(words::word).filter(v -> !v.isEmpty()).orElse(null);
        String checksum = instruction.flag("checksum").map(Flag::value).map(words::word).filter(v -> !v.isEmpty())
                .orElse(null);
        checkChmod(instruction, chmod);
        BuildSource from = from(instruction);
        for (String source : sources) {
            if (CopyStep.isUrl(source) || isGit(source)) {
                if (!add) {
                    problem(instruction, "source can't be a URL for COPY: " + source + " (use ADD)");
                } else if (isGit(source)) {
                    problem(instruction, "Git sources are not supported by Berth: " + source
                            + " (clone it into the context, or use a RUN git clone)");
                }
            }
        }
        if (checksum != null) {
            if (sources.size() != 1) {
                problem(instruction, "checksum can't be specified for multiple sources");
            } else if (!CopyStep.isUrl(sources.get(0))) {
                problem(instruction, "checksum requires HTTP(S) sources");
            } else if (!checksum.matches("sha256:[0-9a-f]{64}|sha384:[0-9a-f]{96}|sha512:[0-9a-f]{128}")) {
                problem(instruction, "invalid checksum " + checksum + " (want sha256:<64 hex digits>)");
            }
        }
        String workdir = settings.workingDir.isEmpty() ? "/" : settings.workingDir;
        String destination = Paths.resolve(workdir, writtenDestination);
        if (sources.size() + inline.size() > 1 && !destination.endsWith("/")) {
            problem(instruction, "When using " + instruction.keyword()
                    + " with more than one source file, the destination must be a directory and end with a /");
        }
        StringBuilder createdBy = new StringBuilder(instruction.keyword());
        if (flagTrue(instruction, "parents")) {
            createdBy.append(" --parents");
        }
        if (chown != null) {
            createdBy.append(" --chown=").append(chown);
        }
        if (chmod != null) {
            createdBy.append(" --chmod=").append(chmod);
        }
        sources.forEach(source -> createdBy.append(' ').append(source));
        inlineNames.forEach(name -> createdBy.append(" <<").append(name));
        createdBy.append(' ').append(writtenDestination).append(" # buildkit");
        List<String> excludes = instruction.flagsNamed("exclude").stream().map(Flag::value).toList();
        boolean unpack = add && instruction.flag("unpack").map(flag -> flag.value() == null
                || Boolean.parseBoolean(flag.value())).orElse(true);
        return new CopyStep(instruction.position(), prefix + words.display(Display.of(instruction)),
                createdBy.toString(), add, from, sources, inline, destination, chown, chmod,
                flagTrue(instruction, "link"), excludes, flagTrue(instruction, "parents"), checksum,
                flagTrue(instruction, "keep-git-dir"), unpack, workdir, settings.snapshot(),
                scope.usedArgs(words.used, settings.env));
    }

    private static Heredoc opening(String word) {
        try {
            return HeredocWords.opening(word);
        } catch (SubstitutionException e) {
            return null;
        }
    }

    private static boolean flagTrue(Instruction instruction, String name) {
        return instruction.flag(name).map(flag -> flag.value() == null || flag.value().equalsIgnoreCase("true"))
                .orElse(false);
    }

    private BuildSource from(Instruction instruction) {
        Flag flag = instruction.flag("from").orElse(null);
        if (flag == null || flag.value() == null || flag.value().isEmpty()) {
            return new BuildSource.Context();
        }
        if (flag.value().contains("$")) {
            problems.add(flag.position() + ": " + instruction.keyword() + ": variable expansion is not supported for "
                    + "--from (define a stage with FROM using an ARG from the global scope instead)");
            return new BuildSource.Context();
        }
        String[] problem = new String[1];
        BuildSource source = context.resolve(flag.value(), stage.index(), problem);
        if (source == null) {
            problems.add(flag.position() + ": " + instruction.keyword() + ": " + problem[0]);
            return new BuildSource.Context();
        }
        return source;
    }

    private void checkChmod(Instruction instruction, String chmod) {
        if (chmod == null) {
            return;
        }
        try {
            ChmodSpec.parse(chmod);
        } catch (IllegalArgumentException e) {
            problem(instruction, e.getMessage());
        }
    }

    private static boolean isGit(String source) {
        return source.startsWith("git@") || source.startsWith("git://")
                || (CopyStep.isUrl(source) && (source.matches("[^#?]*\\.git([#?].*)?") ));
    }
}
