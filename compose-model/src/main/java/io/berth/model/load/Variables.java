package io.berth.model.load;

import io.berth.model.LoadOptions;
import io.berth.model.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Variables phase: the env files ({@code --env-file}, else {@code COMPOSE_ENV_FILES}, else {@code .env}
 * in the project directory), overridden by the process environment.
 */
final class Variables {
    private Variables() {
    }

    static Map<String, String> resolve(LoadOptions options, Path envDirectory) throws LoadFailure {
        Map<String, String> process = options.environment();
        List<Path> files = new ArrayList<>();
        Path cwd = options.workingDir().toAbsolutePath();
        if (!options.envFiles().isEmpty()) {
            options.envFiles().forEach(name -> files.add(cwd.resolve(name)));
        } else if (process.get("COMPOSE_ENV_FILES") != null && !process.get("COMPOSE_ENV_FILES").isEmpty()) {
            for (String name : process.get("COMPOSE_ENV_FILES").split(",")) {
                files.add(cwd.resolve(name));
            }
        } else {
            Path dotEnv = envDirectory.resolve(".env");
            if (Files.isRegularFile(dotEnv)) {
                files.add(dotEnv);
            }
        }
        Map<String, String> variables = new LinkedHashMap<>();
        for (Path file : files) {
            try {
                DotEnvFile.parse(Files.readString(file, StandardCharsets.UTF_8)).forEach((key, value) -> {
                    if (value != null) {
                        variables.put(key, value);
                    } else if (process.containsKey(key)) {
                        variables.put(key, process.get(key));
                    }
                });
            } catch (IOException e) {
                throw new LoadFailure(new Problem(file.toString(), 0, 0, "", "cannot read env file: " + e.getMessage()));
            }
        }
        variables.putAll(process);
        return variables;
    }
}
