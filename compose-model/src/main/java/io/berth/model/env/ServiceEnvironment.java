package io.berth.model.env;

import io.berth.model.files.ProjectFiles;
import io.berth.model.interpolation.VariableLookup;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A service's container environment as compose-go v2 resolves it ({@code Project.WithServicesEnvironmentResolved}):
 * <ol>
 * <li>its {@code env_file}s in order, a later file's value replacing an earlier one's; each file is
 *     interpolated with the values of the files read before it, then the project environment; a missing
 *     file is skipped when {@code required: false}, else an error;</li>
 * <li>then its {@code environment:} entries replace those values; an entry without a value ({@code - FOO} or
 *     {@code FOO:}) takes the project environment's value, and stays without value when that is unset,
 *     even over an env-file value (compose-go's {@code OverrideBy}).</li>
 * </ol>
 * A null value in the result means "declared without a value": {@code config} prints it as null and the
 * container does not get the variable.
 */
public final class ServiceEnvironment {

    private ServiceEnvironment() {
    }

    /**
     * Resolves the environment.
     *
     * @param envFiles           the service's env files, in order
     * @param environment        the service's {@code environment:} entries in order; a null value for a name
     *                           given without a value
     * @param projectEnvironment the project's interpolation variables
     * @return names to values (null: declared without value and unset), in first-definition order, unmodifiable
     * @throws EnvFileException for a missing required file, an unreadable or malformed file, or an unknown format
     */
    public static Map<String, String> resolve(List<EnvFileSpec> envFiles, Map<String, String> environment,
            VariableLookup projectEnvironment, ProjectFiles files) {
        Map<String, String> resolved = new LinkedHashMap<>();
        VariableLookup fromEarlierFiles = name -> Optional.ofNullable(resolved.get(name));
        VariableLookup lookup = fromEarlierFiles.orElse(projectEnvironment);
        for (EnvFileSpec envFile : envFiles) {
            if (!files.isFile(envFile.path())) {
                if (envFile.required()) {
                    throw new EnvFileException("env file " + envFile.path() + " not found: stat " + envFile.path()
                            + ": no such file or directory");
                }
                continue;
            }
            resolved.putAll(read(envFile, lookup, files));
        }
        environment.forEach((name, value) ->
                resolved.put(name, value != null ? value : projectEnvironment.lookup(name).orElse(null)));
        return Collections.unmodifiableMap(resolved);
    }

    private static Map<String, String> read(EnvFileSpec envFile, VariableLookup lookup, ProjectFiles files) {
        String content;
        try {
            content = files.read(envFile.path());
        } catch (IOException e) {
            throw new EnvFileException("failed to load " + envFile.path() + ": " + e.getMessage(), e);
        }
        String format = envFile.format().orElse("");
        try {
            return switch (format) {
                case "" -> DotEnv.parse(content, lookup);
                case "raw" -> RawEnvFile.parse(content, lookup);
                default -> throw new EnvFileException("failed to read " + envFile.path()
                        + ": unsupported env_file format \"" + format + "\"");
            };
        } catch (DotEnvException e) {
            throw new EnvFileException("failed to read " + envFile.path() + ": " + e.getMessage(), e);
        }
    }
}
