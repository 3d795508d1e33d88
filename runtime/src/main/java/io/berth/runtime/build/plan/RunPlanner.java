package io.berth.runtime.build.plan;

import io.berth.runtime.build.dockerfile.Flag;
import io.berth.runtime.build.dockerfile.Heredoc;
import io.berth.runtime.build.dockerfile.Instruction;
import io.berth.runtime.build.dockerfile.Stage;
import io.berth.runtime.build.shell.SubstitutionException;
import java.util.ArrayList;
import java.util.List;

/** A RUN instruction as a {@link RunStep}: BuildKit's argv (shell, heredocs), env, mounts, network. */
final class RunPlanner {
    private final PlanContext context;
    private final Stage stage;
    private final MutableSettings settings;
    private final StageScope scope;
    private final List<String> problems;

    RunPlanner(PlanContext context, Stage stage, MutableSettings settings, StageScope scope, List<String> problems) {
        this.context = context;
        this.stage = stage;
        this.settings = settings;
        this.scope = scope;
        this.problems = problems;
    }

    RunStep plan(Instruction instruction, Substitution words, String prefix) {
        List<String> args = instruction.words();
        List<InlineFile> inlineFiles = new ArrayList<>();
        boolean shellForm = !instruction.jsonForm();
        if (!instruction.heredocs().isEmpty()) {
            args = heredocArgs(instruction, inlineFiles);
        }
        List<String> argv = new ArrayList<>();
        if (shellForm) {
            argv.addAll(settings.effectiveShell());
            argv.add(String.join(" ", args));
        } else {
            argv.addAll(args);
        }
        String workdir = settings.workingDir.isEmpty() ? "/" : settings.workingDir;
        List<RunMount> mounts = new ArrayList<>();
        for (Flag flag : instruction.flagsNamed("mount")) {
            RunMount mount = new MountPlanner(context, stage.index(), workdir, words, problems).plan(flag);
            if (mount != null) {
                mounts.add(mount);
            }
        }
        BuildNetwork network = BuildNetwork.DEFAULT;
        String networkFlag = instruction.flag("network").map(Flag::value).orElse("default");
        switch (networkFlag) {
            case "none" -> network = BuildNetwork.NONE;
            case "host" -> network = BuildNetwork.HOST;
            default -> {
            }
        }
        instruction.flag("security").filter(flag -> "insecure".equals(flag.value())).ifPresent(flag ->
                problems.add(flag.position() + ": RUN --security=insecure is not supported by Berth "
                        + "(build containers are never privileged)"));
        List<String> env = scope.runEnv(settings.env);
        String createdBy = "RUN " + scope.historyPrefix(settings.env) + String.join(" ", argv) + " # buildkit";
        String display = prefix + words.display(Display.of(instruction));
        if (!instruction.heredocs().isEmpty() && isSingleHeredoc(instruction)) {
            display += " (" + summary(instruction.heredocs().get(0).content()) + ")";
        }
        return new RunStep(instruction.position(), display, createdBy, argv, env, settings.user, workdir, mounts,
                network, inlineFiles, BuildArgs.proxyEnv(context.options().buildArgs()), settings.snapshot(),
                scope.allArgs(settings.env));
    }

    private static boolean isSingleHeredoc(Instruction instruction) {
        try {
            return instruction.words().size() == 1 && HeredocWords.opening(instruction.words().get(0)) != null;
        } catch (SubstitutionException e) {
            return false;
        }
    }

    /** BuildKit: a lone heredoc runs its content (a #! script as a file); else the shell gets it all. */
    private List<String> heredocArgs(Instruction instruction, List<InlineFile> inlineFiles) {
        List<String> args = instruction.words();
        if (instruction.jsonForm() || args.size() != 1) {
            problems.add(instruction.position() + ": RUN: a heredoc needs the shell form");
            return args;
        }
        List<Heredoc> heredocs = instruction.heredocs();
        if (isSingleHeredoc(instruction)) {
            Heredoc first = heredocs.get(0);
            String data = first.chomped();
            if (data.startsWith("#!")) {
                inlineFiles.add(new InlineFile("/dev/pipes/" + first.name(), data, 0755));
                return List.of("/dev/pipes/" + first.name());
            }
            return List.of(data);
        }
        StringBuilder full = new StringBuilder(args.get(0));
        for (Heredoc heredoc : heredocs) {
            full.append('\n').append(heredoc.content()).append(heredoc.name());
        }
        return List.of(full.toString());
    }

    private static String summary(String content) {
        String[] lines = content.strip().split("\n");
        String first = lines.length == 0 ? "" : lines[0];
        return lines.length > 1 ? first + "..." : first;
    }
}
