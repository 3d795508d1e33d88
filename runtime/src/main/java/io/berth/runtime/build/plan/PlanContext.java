package io.berth.runtime.build.plan;

import io.berth.runtime.build.dockerfile.Dockerfile;
import io.berth.runtime.build.dockerfile.Stage;
import io.berth.runtime.build.shell.ShellLexer;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What every stage's evaluation shares: the file, the options, the global args, name resolution. */
final class PlanContext {
    private final Dockerfile dockerfile;
    private final BuildOptions options;
    private final Map<String, String> globalArgs;
    private final ShellLexer lexer;
    private final Set<String> consumed = new HashSet<>();

    PlanContext(Dockerfile dockerfile, BuildOptions options, Map<String, String> globalArgs) {
        this.dockerfile = dockerfile;
        this.options = options;
        this.globalArgs = globalArgs;
        this.lexer = new ShellLexer(dockerfile.escape());
    }

    Dockerfile dockerfile() {
        return dockerfile;
    }

    BuildOptions options() {
        return options;
    }

    Map<String, String> globalArgs() {
        return globalArgs;
    }

    ShellLexer lexer() {
        return lexer;
    }

    char escape() {
        return dockerfile.escape();
    }

    void consumed(String name) {
        consumed.add(name);
    }

    Set<String> consumed() {
        return consumed;
    }

    Optional<Stage> stageNamed(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return dockerfile.stages().stream().filter(stage -> lower.equals(stage.name())).findFirst();
    }

    /**
     * What {@code --from=name} / {@code from=name} names, seen from stage {@code current}: a named
     * context, a stage (which must come earlier), a stage index, else an image. Null with a message
     * in {@code problem[0]} when it names a stage that is not earlier.
     */
    BuildSource resolve(String name, int current, String[] problem) {
        if (options.namedContexts().contains(name)) {
            return new BuildSource.NamedContext(name);
        }
        Optional<Stage> stage = stageNamed(name);
        if (stage.isPresent()) {
            if (stage.get().index() >= current) {
                problem[0] = "cannot copy from stage \"" + name + "\", it needs to be defined before the current stage";
                return null;
            }
            return new BuildSource.StageOutput(stage.get().index());
        }
        if (name.matches("\\d+")) {
            int index = Integer.parseInt(name);
            if (index >= current) {
                problem[0] = "invalid stage index " + name + " (stage " + current
                        + " can only use earlier stages, 0 to " + (current - 1) + ")";
                return null;
            }
            return new BuildSource.StageOutput(index);
        }
        return new BuildSource.Image(name);
    }
}
