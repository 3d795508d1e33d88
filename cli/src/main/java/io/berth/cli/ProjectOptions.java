package io.berth.cli;

import io.berth.model.LoadOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The options every Compose command takes ({@code -f}, {@code -p}, {@code --project-directory},
 * {@code --env-file}, {@code --profile}), as a picocli mixin. They may be given before the
 * subcommand ({@code berth -f a.yaml up}) or after it; after wins.
 */
public final class ProjectOptions {
    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Compose configuration files ('-' for stdin).")
    List<String> files = new ArrayList<>();

    @Option(names = {"-p", "--project-name"}, paramLabel = "NAME", description = "Project name.")
    String projectName;

    @Option(names = "--project-directory", paramLabel = "DIR",
            description = "Alternate working directory (default: the directory of the first Compose file).")
    Path projectDirectory;

    @Option(names = "--env-file", paramLabel = "FILE", description = "Alternate environment files (instead of .env).")
    List<String> envFiles = new ArrayList<>();

    @Option(names = "--profile", paramLabel = "PROFILE", description = "Profiles to enable.")
    List<String> profiles = new ArrayList<>();

    /** These options, with the ones given before the subcommand as defaults. */
    public ProjectOptions over(ProjectOptions global) {
        ProjectOptions merged = new ProjectOptions();
        merged.files = files.isEmpty() && global != null ? global.files : files;
        merged.projectName = projectName == null && global != null ? global.projectName : projectName;
        merged.projectDirectory = projectDirectory == null && global != null ? global.projectDirectory : projectDirectory;
        merged.envFiles = envFiles.isEmpty() && global != null ? global.envFiles : envFiles;
        merged.profiles = profiles.isEmpty() && global != null ? global.profiles : profiles;
        return merged;
    }

    /**
     * What the loader needs for the command of {@code spec}: its own options over the ones given before
     * it on the command line ({@code berth -f x.yaml up}). The usual call from a compose command:
     * {@code @Mixin ProjectOptions project; @Spec CommandSpec spec; ... project.loadOptions(spec)}.
     */
    public LoadOptions loadOptions(CommandLine.Model.CommandSpec spec) {
        ProjectOptions global = null;
        for (CommandLine.Model.CommandSpec parent = spec.parent(); parent != null; parent = parent.parent()) {
            if (parent.userObject() instanceof BerthCommand root) {
                global = root.project;
            }
        }
        return over(global).loadOptions();
    }

    /** What the loader needs, from these options, the current directory and the process environment. */
    public LoadOptions loadOptions() {
        return loadOptions(Invocation.cwd(), Invocation.env());
    }

    public LoadOptions loadOptions(Path workingDir, Map<String, String> environment) {
        return LoadOptions.of(workingDir, environment).withConfigFiles(files).withProjectName(projectName)
                .withProjectDirectory(projectDirectory).withEnvFiles(envFiles).withProfiles(splitProfiles());
    }

    private List<String> splitProfiles() {
        List<String> names = new ArrayList<>();
        profiles.forEach(value -> names.addAll(List.of(value.split(","))));
        return names;
    }
}
