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
import io.berth.model.interpolation.Interpolator;
import io.berth.model.naming.InvalidProjectNameException;
import io.berth.model.naming.ProjectName;
import java.util.TreeMap;

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

        Map<String, Object> merged = new LinkedHashMap<>();
        List<Path> composeFiles = new ArrayList<>();
        boolean unreadable = false;
        for (ComposeFiles.Source source : located.files()) {
            FileModel file = fileLoader.load(source, projectDirectory);
            if (file == null) {
                unreadable = true;
                continue;
            }
            if (source.path() != null) {
                composeFiles.add(source.path());
            }
            merged = Merger.merge(merged, withIncludes(file));
        }
        if (unreadable) {
            problems.throwIfAny();
        }
        merged = Values.map(Merger.untag(merged));
        String projectName = projectName(merged, variables, projectDirectory);
        Map<String, Object> allServices = merged.get("services") instanceof Map<?, ?> map ? Values.map(map) : new LinkedHashMap<>();
        Profiles.Split split = Profiles.split(allServices, activeProfiles(variables), options.requestedServices());
        Normalizer normalizer = new Normalizer(projectName, variables, problems);
        normalizer.services(split.enabled());
        normalizer.resources(merged, split.enabled());
        // Without interpolation values still hold ${...}: only the files' shape is checked.
        Problems semantic = options.interpolate() ? problems : new Problems(sources);
        new Validator(merged, split.enabled(), allServices.keySet(), semantic).validate();
        problems.throwIfAny();

        Map<String, Object> resolved = CanonicalOutput.of(projectName, merged, split.enabled());
        Project project = new TypedBuilder(semantic).project(projectName, projectDirectory, composeFiles, resolved,
                split.disabled(), new ArrayList<>(activeProfiles(variables)), variables);
        Map<String, Object> canonical = CanonicalOutput.withoutEnvFiles(resolved);
        problems.throwIfAny();
        List<String> warnings = new ArrayList<>(located.warnings());
        warnings.addAll(fileLoader.warnings());
        fileLoader.unsetVariables().forEach(name -> warnings.add(Interpolator.notSetWarning(name)));
        return new LoadedModel(project, canonical, List.copyOf(warnings));
    }

    /** The file's included projects merged first, then the file itself (include phase). */
    private Map<String, Object> withIncludes(FileModel file) throws LoadFailure {
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
            for (Object path : paths) {
                Path resolved = file.baseDirectory().resolve(String.valueOf(path)).normalize();
                Path base = entry instanceof Map<?, ?> map && map.get("project_directory") instanceof String dir
                        ? file.baseDirectory().resolve(dir).normalize() : resolved.getParent();
                if (!java.nio.file.Files.isRegularFile(resolved)) {
                    problems.add(ComposePath.ROOT.key("include").index(i), "included file " + resolved + " not found");
                    continue;
                }
                FileModel child = fileLoader.load(new ComposeFiles.Source(resolved.toString(), resolved), base);
                if (child != null) {
                    included = Merger.merge(included, withIncludes(child));
                }
            }
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

    private String projectName(Map<String, Object> tree, Map<String, String> variables, Path projectDirectory)
            throws ComposeProblemsException {
        try {
            return ProjectName.resolve(Optional.ofNullable(options.projectName()),
                    Optional.ofNullable(variables.get("COMPOSE_PROJECT_NAME")),
                    Optional.ofNullable(tree.get("name")).map(Values::text), projectDirectory).value();
        } catch (InvalidProjectNameException e) {
            throw new ComposeProblemsException(new Problem(null, 0, 0, "", e.getMessage()));
        }
    }

    private List<String> activeProfiles(Map<String, String> variables) {
        if (!options.profiles().isEmpty()) {
            return options.profiles();
        }
        String fromEnvironment = variables.get("COMPOSE_PROFILES");
        if (fromEnvironment == null || fromEnvironment.isBlank()) {
            return List.of();
        }
        List<String> profiles = new ArrayList<>();
        for (String profile : fromEnvironment.split(",")) {
            if (!profile.isBlank()) {
                profiles.add(profile.strip());
            }
        }
        return profiles;
    }

    /** The tree {@code config} prints: keys in name order, only enabled services, no loader-only keys. */
    static final class CanonicalOutput {
        private CanonicalOutput() {
        }

        static Map<String, Object> of(String projectName, Map<String, Object> tree, Map<String, Object> services) {
            Map<String, Object> out = new TreeMap<>();
            tree.forEach((key, value) -> {
                if (!key.equals("version") && !key.equals("include") && !key.equals("services")) {
                    out.put(key, value);
                }
            });
            out.put("name", projectName);
            Map<String, Object> sortedServices = new TreeMap<>();
            services.forEach((name, service) -> sortedServices.put(name, new TreeMap<>(Values.map(service))));
            out.put("services", new LinkedHashMap<>(sortedServices));
            return new LinkedHashMap<>(out);
        }

        /** config prints env files folded into the environment, not the files (compose's WithDiscardEnvFile). */
        static Map<String, Object> withoutEnvFiles(Map<String, Object> tree) {
            Map<String, Object> out = new LinkedHashMap<>(tree);
            Map<String, Object> services = new LinkedHashMap<>();
            Values.map(tree.get("services")).forEach((name, service) -> {
                Map<String, Object> copy = new LinkedHashMap<>(Values.map(service));
                copy.remove("env_file");
                services.put(name, copy);
            });
            out.put("services", services);
            return out;
        }
    }
}
