package io.berth.runtime.build.plan;

import io.berth.runtime.build.dockerfile.Dockerfile;
import io.berth.runtime.build.dockerfile.Instruction;
import io.berth.runtime.build.shell.ShellLexer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The global scope: the predefined platform args, then the ARGs before the first FROM (build args win). */
final class GlobalArgs {
    private GlobalArgs() {
    }

    static Map<String, String> evaluate(Dockerfile dockerfile, BuildOptions options, String target,
                                        List<String> problems) {
        Map<String, String> values = new LinkedHashMap<>(BuildArgs.predefined(options.platform(), target,
                options.buildArgs()));
        ShellLexer lexer = new ShellLexer(dockerfile.escape());
        for (Instruction arg : dockerfile.globalArgs()) {
            for (String word : arg.words()) {
                int equals = word.indexOf('=');
                String name = equals < 0 ? word : word.substring(0, equals);
                String value = equals < 0 ? null : word.substring(equals + 1);
                if (options.buildArgs().containsKey(name)) {
                    value = options.buildArgs().get(name);
                } else if (value != null) {
                    value = new Substitution(lexer, values, arg.position(), problems).word(value);
                }
                if (value != null) {
                    values.put(name, value);
                }
            }
        }
        return values;
    }
}
