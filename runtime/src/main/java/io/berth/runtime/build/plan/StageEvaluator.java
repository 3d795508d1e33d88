package io.berth.runtime.build.plan;

import io.berth.runtime.build.dockerfile.DockerfileParser;
import io.berth.runtime.build.dockerfile.Instruction;
import io.berth.runtime.build.dockerfile.SourcePosition;
import io.berth.runtime.build.dockerfile.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Evaluates one stage's instructions into steps, as BuildKit's dispatch does, touching nothing. */
final class StageEvaluator {
    static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private final PlanContext context;
    private final Stage stage;
    private final MutableSettings settings;
    private final StageScope scope;
    private final List<BuildStep> steps = new ArrayList<>();
    private final List<String> problems;
    private boolean cmdSetInStage;
    private String author;

    StageEvaluator(PlanContext context, Stage stage, ImageSettings baseSettings, StageScope inherited,
                   List<String> problems) {
        this.context = context;
        this.stage = stage;
        this.settings = new MutableSettings(baseSettings);
        this.scope = inherited == null ? new StageScope() : inherited.copy();
        this.problems = problems;
        if (Env.get(settings.env, "PATH") == null) {
            settings.env = Env.with(settings.env, "PATH", DEFAULT_PATH);
        }
    }

    StageScope scope() {
        return scope;
    }

    StagePlan evaluate(BuildSource base, List<String> triggers) {
        SourcePosition at = stage.from().position();
        for (String trigger : triggers) {
            Instruction instruction = DockerfileParser.parseTrigger(at.file(), context.escape(), trigger, at, problems);
            if (instruction != null) {
                dispatch(instruction, true);
            }
        }
        boolean replaced = stage.name() != null && context.options().namedContexts().contains(stage.name());
        for (Instruction instruction : replaced ? List.<Instruction>of() : stage.instructions()) {
            dispatch(instruction, false);
        }
        return new StagePlan(stage.index(), stage.name(), base, steps, settings.snapshot(), author);
    }

    private Substitution substitution(Instruction instruction) {
        return new Substitution(context.lexer(), scope.variables(settings.env), instruction.position(), problems);
    }

    private void dispatch(Instruction instruction, boolean trigger) {
        Substitution words = substitution(instruction);
        String prefix = trigger ? "ONBUILD " : "";
        switch (instruction.keyword()) {
            case "ARG" -> arg(instruction, words, prefix);
            case "ENV", "LABEL" -> keyValues(instruction, words, prefix);
            case "WORKDIR" -> workdir(instruction, words, prefix);
            case "USER" -> {
                settings.user = words.word(instruction.words().get(0));
                metadata(instruction, words, prefix, "USER " + settings.user, null);
            }
            case "VOLUME" -> {
                List<String> volumes = words.eachWord(instruction.words());
                volumes.forEach(volume -> {
                    if (volume.isBlank()) {
                        problems.add(instruction.position() + ": VOLUME specified can not be an empty string");
                    }
                });
                settings.volumes.addAll(volumes);
                metadata(instruction, words, prefix, "VOLUME " + GoFormat.plainList(volumes), null);
            }
            case "STOPSIGNAL" -> {
                settings.stopSignal = words.word(instruction.words().get(0));
                if (!Signals.valid(settings.stopSignal)) {
                    problems.add(instruction.position() + ": STOPSIGNAL: invalid signal: " + settings.stopSignal);
                }
                metadata(instruction, words, prefix, "STOPSIGNAL " + settings.stopSignal, null);
            }
            case "EXPOSE" -> expose(instruction, words, prefix);
            case "CMD", "ENTRYPOINT", "SHELL", "HEALTHCHECK", "MAINTAINER", "ONBUILD" ->
                    ImageCommands.apply(this, instruction, words, prefix);
            case "RUN" -> steps.add(new RunPlanner(context, stage, settings, scope, problems).plan(instruction, words, prefix));
            case "COPY", "ADD" ->
                    steps.add(new CopyPlanner(context, stage, settings, scope, problems).plan(instruction, words, prefix));
            default -> problems.add(instruction.position() + ": " + instruction.keyword() + " is not allowed here");
        }
    }

    MutableSettings settings() {
        return settings;
    }

    void cmdSet() {
        cmdSetInStage = true;
    }

    boolean cmdSetInStage() {
        return cmdSetInStage;
    }

    void author(String author) {
        this.author = author;
    }

    /** Records a step that only changes settings (history line {@code createdBy}). */
    void metadata(Instruction instruction, Substitution words, String prefix, String createdBy, String createsWorkdir) {
        metadata(instruction, words, prefix, createdBy, createsWorkdir, true);
    }

    void metadata(Instruction instruction, Substitution words, String prefix, String createdBy, String createsWorkdir,
                  boolean inHistory) {
        steps.add(new MetadataStep(instruction.position(), instruction.keyword(),
                prefix + words.display(Display.of(instruction)), createdBy, settings.snapshot(),
                scope.usedArgs(words.used, settings.env), createsWorkdir, inHistory));
    }

    private void arg(Instruction instruction, Substitution words, String prefix) {
        List<String> history = new ArrayList<>();
        Map<String, String> buildArgs = context.options().buildArgs();
        for (String word : instruction.words()) {
            int equals = word.indexOf('=');
            String name = equals < 0 ? word : word.substring(0, equals);
            String value = equals < 0 ? null : word.substring(equals + 1);
            if (value == null && !buildArgs.containsKey(name) && context.globalArgs().containsKey(name)) {
                value = context.globalArgs().get(name);
            } else if (buildArgs.containsKey(name)) {
                value = buildArgs.get(name);
            } else if (value != null) {
                // an ARG default sees the variables as they are now, including earlier names of this ARG
                value = new Substitution(context.lexer(), scope.variables(settings.env), instruction.position(),
                        problems).word(value);
            }
            scope.declare(name, value);
            context.consumed(name);
            history.add(value == null ? name : name + "=" + value);
        }
        metadata(instruction, words, prefix, "ARG " + String.join(" ", history), null);
    }

    private void keyValues(Instruction instruction, Substitution words, String prefix) {
        StringBuilder history = new StringBuilder(instruction.keyword());
        List<String> pairs = instruction.words();
        List<String[]> substituted = new ArrayList<>();
        for (int i = 0; i + 1 < pairs.size(); i += 2) {
            substituted.add(new String[] {words.word(pairs.get(i)), words.word(pairs.get(i + 1))});
        }
        for (String[] pair : substituted) {
            if (instruction.keyword().equals("ENV")) {
                settings.env = Env.with(settings.env, pair[0], pair[1]);
            } else {
                settings.labels.put(pair[0], pair[1]);
            }
            history.append(' ').append(pair[0]).append('=').append(pair[1]);
        }
        metadata(instruction, words, prefix, history.toString(), null);
    }

    private void workdir(Instruction instruction, Substitution words, String prefix) {
        String requested = words.word(instruction.words().get(0));
        String workdir = Paths.clean(requested.startsWith("/") ? requested
                : (settings.workingDir.isEmpty() ? "/" : settings.workingDir) + "/" + requested);
        settings.workingDir = workdir;
        metadata(instruction, words, prefix, "WORKDIR " + workdir, workdir.equals("/") ? null : workdir);
    }

    private void expose(Instruction instruction, Substitution words, String prefix) {
        List<String> ports = new ArrayList<>();
        for (String word : instruction.words()) {
            for (String port : words.words(word)) {
                try {
                    ports.addAll(Ports.expand(port));
                } catch (IllegalArgumentException e) {
                    problems.add(instruction.position() + ": EXPOSE: " + e.getMessage());
                }
            }
        }
        List<String> sorted = ports.stream().distinct().sorted().toList();
        settings.exposedPorts.addAll(sorted);
        metadata(instruction, words, prefix, "EXPOSE " + GoFormat.plainList(sorted), null);
    }
}
