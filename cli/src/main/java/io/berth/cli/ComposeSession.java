package io.berth.cli;

import io.berth.model.ComposeProblemsException;
import io.berth.model.LoadOptions;
import io.berth.model.Project;
import io.berth.model.ProjectLoader;
import io.berth.runtime.ContainerRuntime;
import io.berth.runtime.RegistrySettings;
import io.berth.runtime.RuntimeConfig;
import io.berth.runtime.Runtimes;
import java.util.List;
import java.util.Optional;

/**
 * What a Compose command works on: the loaded project (or, with {@code -p} and no file, only its
 * name, for commands that work from labels), and the runtime, connected on first use.
 */
public final class ComposeSession implements AutoCloseable {
    private List<String> warnings = List.of();
    private io.berth.model.LoadedModel model;
    private final Project project;
    private final String projectName;
    private ContainerRuntime runtime;
    private io.berth.runtime.build.ImageBuilder builder;

    private ComposeSession(Project project, String projectName) {
        this.project = project;
        this.projectName = projectName;
    }

    /**
     * @param own      the subcommand's project options
     * @param root     the root command (its options given before the subcommand are defaults)
     * @param services services named on the command line: enabled whatever their profiles
     * @param needFile false: with {@code -p}, a missing Compose file is not an error
     */
    public static ComposeSession open(ProjectOptions own, Object root, List<String> services, boolean needFile)
            throws ComposeProblemsException {
        ProjectOptions options = root instanceof BerthCommand berth ? own.over(berth.project) : own;
        LoadOptions load = options.loadOptions().withRequestedServices(services);
        try {
            io.berth.model.LoadedModel model = ProjectLoader.loadModel(load);
            Project project = model.project();
            Trace.mark("project loaded");
            requireDefined(project, services);
            ComposeSession session = new ComposeSession(project, project.name());
            session.warnings = model.warnings();
            session.model = model;
            return session;
        } catch (ComposeProblemsException problems) {
            if (!needFile && options.projectName != null) {
                return new ComposeSession(null, options.projectName);
            }
            throw problems;
        }
    }

    /**
     * Docker Compose's "no such service" for a SERVICE argument the file does not define (logs, ps,
     * stop, exec, ...), with its exit code 1: scripts test for that.
     */
    private static void requireDefined(Project project, List<String> services) {
        List<String> unknown = services.stream().filter(name -> !project.services().containsKey(name)
                && !project.disabledServices().containsKey(name)).distinct().toList();
        if (!unknown.isEmpty()) {
            java.util.SortedSet<String> defined = new java.util.TreeSet<>(project.services().keySet());
            defined.addAll(project.disabledServices().keySet());
            throw new io.berth.engine.EngineException("no such service: " + String.join(", ", unknown)
                    + " (defined: " + String.join(", ", defined) + ")");
        }
    }

    /** The loader's warnings (obsolete version, unset variables, unsupported develop.watch). */
    public List<String> warnings() {
        return warnings;
    }

    /** The develop.watch rules of the project's services (service name to rules; none without a file). */
    public java.util.SortedMap<String, List<io.berth.model.WatchRule>> watchRules() {
        return model == null ? new java.util.TreeMap<>() : io.berth.model.DevelopWatch.rules(model);
    }

    public Optional<Project> project() {
        return Optional.ofNullable(project);
    }

    /** The project, for commands that cannot work without the file. */
    public Project requireProject() {
        if (project == null) {
            throw new ExitCodes.UsageException("no Compose file found for project " + projectName);
        }
        return project;
    }

    public String projectName() {
        return projectName;
    }

    public synchronized ContainerRuntime runtime() {
        if (runtime == null) {
            runtime = Runtimes.connect(RuntimeConfig.fromEnvironment(Invocation.env()), registries());
            Trace.mark("runtime connected");
        }
        return runtime;
    }

    /** The image builder of the same state root, opened on first use (only commands that build need it). */
    public synchronized io.berth.runtime.build.ImageBuilder builder() {
        if (builder == null) {
            builder = io.berth.runtime.build.ImageBuilder.open(RuntimeConfig.fromEnvironment(Invocation.env()),
                    registries());
        }
        return builder;
    }

    /** The caller's registry settings (not the CLI server's): every pull of the command uses them. */
    private static RegistrySettings registries() {
        return RegistrySettings.fromEnvironment(Invocation.env());
    }

    @Override
    public synchronized void close() {
        if (runtime != null) {
            runtime.close();
        }
    }
}
