package io.berth.model.load;

import io.berth.model.ComposeProblemsException;
import io.berth.model.LoadOptions;
import io.berth.model.LoadedModel;
import io.berth.model.Problem;
import io.berth.model.Project;
import io.berth.model.tree.ComposePath;
import io.berth.model.tree.Problems;
import io.berth.model.tree.SourceMap;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.berth.model.interpolation.InterpolationException;
import io.berth.model.interpolation.Interpolator;
import io.berth.model.interpolation.VariableLookup;
import io.berth.model.naming.InvalidProjectNameException;

/**
 * The loading phases in order: files, variables, then per file parse / keys / interpolation /
 * canonical syntax / paths / include / extends, then merge, project name, profiles, normalization,
 * validation, and the typed records.
 */
public final class LoadPipeline {
    private final LoadOptions options;
    private final SourceMap sources = new SourceMap();
    private final Problems problems = new Problems(sources);
    private final Map<Path, FileModel> otherFiles = new HashMap<>();
    /** Files being included, outermost first: an include of one of them is a cycle. */
    private final java.util.Deque<Path> including = new java.util.ArrayDeque<>();
    private FileLoader fileLoader;
    private Extends extendsPhase;

    public LoadPipeline(LoadOptions options) {
        this.options = options;
    }

    public LoadedModel run() throws ComposeProblemsException {
        ComposeFiles.Located located = ComposeFiles.locate(options);
        Path projectDirectory = located.projectDirectory();
        Map<String, String> variables = located.environment().variables();
        fileLoader = new FileLoader(options, variables, sources, problems);
        extendsPhase = new Extends(this::loadOther, problems);

        List<FileLoader.ParsedFile> parsedFiles = new ArrayList<>();
        List<Path> composeFiles = new ArrayList<>();
        for (ComposeFiles.Source source : located.files()) {
            FileLoader.ParsedFile parsed = fileLoader.parse(source);
            if (parsed != null) {
                parsedFiles.add(parsed);
            }
            if (source.path() != null) {
                composeFiles.add(source.path());
            }
        }
        problems.throwIfAny();
        // The name is needed before interpolation: files may use ${COMPOSE_PROJECT_NAME} (as compose-go allows).
        String projectName = projectName(parsedFiles, variables, located);
        variables = located.environment().withProjectName(projectName).variables();
        fileLoader.useVariables(variables);

        Map<String, Object> merged = new LinkedHashMap<>();
        for (FileLoader.ParsedFile parsed : parsedFiles) {
            FileModel file = fileLoader.complete(parsed, projectDirectory);
            merged = Merger.merge(merged, withIncludes(file), file.directives(), false);
            ServiceMappings.checkConditions(merged, problems);
        }
        if (merged.isEmpty() && !located.files().isEmpty()) {
            ComposeFiles.Source first = located.files().get(0);
            problems.add(new Problem(first.displayName(), 1, 1, "", "empty compose file (a Compose file needs at least services:)"));
            problems.throwIfAny();
        }
        if (options.interpolate()) {
            Unicity.checkMerged(merged, problems);
        }
        // the short syntaxes rewritten can reveal duplicates (ports "80:80" and {target: 80, published: "80"})
        merged = Values.map(Unicity.deduplicate(Merger.copy(merged), ComposePath.ROOT));
        Map<String, Object> allServices = merged.get("services") instanceof Map<?, ?> map ? Values.map(map) : new LinkedHashMap<>();
        ServiceMappings.withDefaults(allServices);
        RelativePaths.defaultContexts(allServices);
        List<String> activeProfiles = located.discovered().profiles();
        Profiles.Split split = Profiles.split(allServices, activeProfiles, options.requestedServices());
        Normalizer normalizer = new Normalizer(projectName, variables, problems);
        normalizer.services(split.enabled());
        normalizer.resources(merged, split.enabled());
        // Without interpolation values still hold ${...}: only the files' shape is checked.
        Problems semantic = options.interpolate() ? problems : new Problems(sources);
        new Validator(merged, split.enabled(), allServices.keySet(), semantic).validate();
        Normalizer.dropUnused(merged, split.enabled());
        // the typed phase runs even after problems, so that its type errors are reported with the rest

        Map<String, Object> resolved = CanonicalOutput.of(projectName, merged, split.enabled());
        Project project = new TypedBuilder(semantic).project(projectName, projectDirectory, composeFiles, resolved,
                split.disabled(), activeProfiles, variables);
        Map<String, Object> canonical = CanonicalOutput.withoutEnvFiles(resolved);
        problems.throwIfAny();
        List<String> warnings = new ArrayList<>(located.warnings());
        warnings.addAll(fileLoader.warnings());
        fileLoader.unsetVariables().forEach(name -> warnings.add(Interpolator.notSetWarning(name)));
        return new LoadedModel(project, canonical, List.copyOf(warnings));
    }

    /** The file's included projects merged first, then the file itself (include phase). */
    private Map<String, Object> withIncludes(FileModel file) throws LoadFailure {
        if (file.path() == null) {
            return includesOf(file);
        }
        including.push(file.path());
        try {
            return includesOf(file);
        } finally {
            including.pop();
        }
    }

    private Map<String, Object> includesOf(FileModel file) throws LoadFailure {
        extendsPhase.apply(file);
        Object include = file.tree().remove("include");
        if (!(include instanceof List<?> entries)) {
            return file.tree();
        }
        Map<String, Object> included = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            Object entry = entries.get(i);
            List<?> paths = entry instanceof Map<?, ?> map
                    ? (map.get("path") instanceof List<?> list ? list : List.of(String.valueOf(map.get("path"))))
                    : List.of(String.valueOf(entry));
            // the files of one entry are one project, merged as override files; entries are merged plainly
            Map<String, Object> entryTree = new LinkedHashMap<>();
            for (Object path : paths) {
                Path resolved = file.baseDirectory().resolve(String.valueOf(path)).normalize();
                Path base = entry instanceof Map<?, ?> map && map.get("project_directory") instanceof String dir
                        ? file.baseDirectory().resolve(dir).normalize() : resolved.getParent();
                if (!java.nio.file.Files.isRegularFile(resolved)) {
                    problems.add(ComposePath.ROOT.key("include").index(i), "included file " + resolved + " not found");
                    continue;
                }
                if (including.contains(resolved)) {
                    List<String> cycle = new ArrayList<>();
                    including.descendingIterator().forEachRemaining(open -> cycle.add(open.toString()));
                    cycle.add(resolved.toString());
                    problems.add(ComposePath.ROOT.key("include").index(i), "include cycle: " + String.join(" -> ", cycle));
                    continue;
                }
                Map<String, String> outer = fileLoader.variables();
                fileLoader.useVariables(includeVariables(entry, base, file.baseDirectory(), outer, i));
                FileModel child;
                try {
                    child = fileLoader.load(new ComposeFiles.Source(resolved.toString(), resolved), base);
                } finally {
                    fileLoader.useVariables(outer);
                }
                if (child != null) {
                    entryTree = Merger.merge(entryTree, withIncludes(child), child.directives(), false);
                }
            }
            included = Merger.merge(included, entryTree);
        }
        for (String kind : List.of("services", "networks", "volumes", "secrets", "configs")) {
            if (included.get(kind) instanceof Map<?, ?> imported && file.tree().get(kind) instanceof Map<?, ?> own) {
                for (Object name : own.keySet()) {
                    if (imported.containsKey(name)) {
                        problems.add(ComposePath.ROOT.key(kind).key(String.valueOf(name)),
                                kind + "." + name + " conflicts with a resource of an included file");
                    }
                }
            }
        }
        return Merger.merge(included, file.tree());
    }

    /**
     * An included file is interpolated with the project's variables plus its env files (env_file, or
     * the .env of its project directory), which fill only what is not set already (compose-go's include).
     */
    private Map<String, String> includeVariables(Object entry, Path projectDirectory, Path including,
            Map<String, String> outer, int index) {
        List<Path> envFiles = new ArrayList<>();
        Object given = entry instanceof Map<?, ?> map ? map.get("env_file") : null;
        if (given == null) {
            Path dotEnv = projectDirectory.resolve(".env");
            if (java.nio.file.Files.isRegularFile(dotEnv)) {
                envFiles.add(dotEnv);
            }
        } else {
            for (Object name : given instanceof List<?> list ? list : List.of(given)) {
                envFiles.add(including.resolve(String.valueOf(name)).normalize());
            }
        }
        Map<String, String> variables = new LinkedHashMap<>(outer);
        for (Path envFile : envFiles) {
            try {
                io.berth.model.env.DotEnv.parse(io.berth.model.files.ProjectFiles.onDisk().read(envFile),
                                VariableLookup.of(variables))
                        .forEach(variables::putIfAbsent);
            } catch (java.io.IOException | RuntimeException e) {
                problems.add(ComposePath.ROOT.key("include").index(index).key("env_file"), "cannot read env file "
                        + envFile + ": " + e.getMessage());
            }
        }
        return variables;
    }

    private FileModel loadOther(Path path) throws LoadFailure {
        Path normalized = path.toAbsolutePath().normalize();
        if (!otherFiles.containsKey(normalized)) {
            if (!java.nio.file.Files.isRegularFile(normalized)) {
                throw new LoadFailure(new Problem(normalized.toString(), 0, 0, "", "extended file not found"));
            }
            FileModel file = fileLoader.load(new ComposeFiles.Source(normalized.toString(), normalized), normalized.getParent());
            otherFiles.put(normalized, file);
        }
        return otherFiles.get(normalized);
    }

    /** -p, COMPOSE_PROJECT_NAME, the last file's interpolated {@code name:}, or the directory's name. */
    private String projectName(List<FileLoader.ParsedFile> files, Map<String, String> variables,
            ComposeFiles.Located located) throws ComposeProblemsException {
        String topLevelName = null;
        for (FileLoader.ParsedFile file : files) {
            Object name = file.tree().get("name");
            if (name != null && Values.isScalar(name) && !Values.text(name).isEmpty()) {
                topLevelName = Values.text(name);
                if (options.interpolate()) {
                    try {
                        topLevelName = Interpolator.interpolate(topLevelName, VariableLookup.of(variables));
                    } catch (InterpolationException e) {
                        problems.add(ComposePath.ROOT.key("name"), e.getMessage());
                    }
                }
            }
        }
        try {
            return located.discovered().projectName(Optional.ofNullable(topLevelName)).value();
        } catch (InvalidProjectNameException e) {
            throw new ComposeProblemsException(new Problem(null, 0, 0, "", e.getMessage()));
        }
    }
}
