package io.berth.model.load;

import io.berth.model.LoadOptions;
import io.berth.model.tree.ComposePath;
import io.berth.model.tree.Problems;
import io.berth.model.tree.SourceMap;
import io.berth.model.yaml.Tagged;
import io.berth.model.yaml.YamlReader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The per-file phases: parse, unknown keys, interpolation, canonical syntax, relative paths. */
final class FileLoader {
    private final LoadOptions options;
    private Map<String, String> variables;
    private final SourceMap allSources;
    private final Problems problems;
    private final java.util.Set<String> unsetVariables = new java.util.LinkedHashSet<>();
    private final List<String> warnings = new java.util.ArrayList<>();

    FileLoader(LoadOptions options, Map<String, String> variables, SourceMap allSources, Problems problems) {
        this.options = options;
        this.variables = variables;
        this.allSources = allSources;
        this.problems = problems;
    }

    /** A file read and parsed, before the other per-file phases. */
    record ParsedFile(ComposeFiles.Source source, Map<String, Object> tree, SourceMap sources,
            List<Map<String, Object>> laterDocuments) {
    }

    /** Loads one file; null when it cannot be parsed (its problems are recorded). */
    FileModel load(ComposeFiles.Source source, Path baseDirectory) throws LoadFailure {
        ParsedFile parsed = parse(source);
        return parsed == null ? null : complete(parsed, baseDirectory);
    }

    Map<String, String> variables() {
        return variables;
    }

    /** Variables for the files completed from now on (once the project name is known). */
    void useVariables(Map<String, String> projectVariables) {
        this.variables = projectVariables;
    }

    /** Parse phase of one file; null when it cannot be parsed (its problems are recorded). */
    ParsedFile parse(ComposeFiles.Source source) throws LoadFailure {
        byte[] bytes = ComposeFiles.read(source, options);
        YamlReader.Result parsed = YamlReader.read(source.displayName(), bytes);
        if (!parsed.problems().isEmpty()) {
            problems.addAll(parsed.problems());
            return null;
        }
        allSources.putAll(parsed.sources());
        if (parsed.documents().isEmpty()) {
            // an empty override file adds nothing; an empty project is refused after merge (LoadPipeline)
            return new ParsedFile(source, new LinkedHashMap<>(), parsed.sources(), List.of());
        }
        List<Map<String, Object>> documents = new java.util.ArrayList<>();
        for (Object document : parsed.documents()) {
            if (!(document instanceof Map<?, ?> rawTree)) {
                problems.add(new io.berth.model.Problem(source.displayName(), 1, 1, "",
                        "a Compose file must be a mapping (services:, networks:, ...)"));
                return null;
            }
            documents.add(Values.map(rawTree));
        }
        // several YAML documents in one file are merged in order, as override files are
        return new ParsedFile(source, documents.get(0), parsed.sources(), documents.subList(1, documents.size()));
    }

    /** The phases after parsing: unknown keys, interpolation, canonical syntax, relative paths. */
    FileModel complete(ParsedFile parsed, Path baseDirectory) {
        Directives.Extracted first = Directives.extract(parsed.tree(), allSources);
        Map<String, Object> tree = completeDocument(parsed.source(), first.tree(), baseDirectory);
        java.util.Set<ComposePath> directives = new java.util.LinkedHashSet<>(first.paths());
        for (Map<String, Object> later : parsed.laterDocuments()) {
            // a later document is merged like an override file; its directives also apply to what
            // the whole file is merged onto
            Directives.Extracted next = Directives.extract(later, allSources);
            tree = Merger.merge(tree, completeDocument(parsed.source(), next.tree(), baseDirectory), next.paths(), false);
            directives.addAll(next.paths());
        }
        return new FileModel(parsed.source().displayName(), parsed.source().path(), tree, parsed.sources(), baseDirectory,
                java.util.Set.copyOf(directives));
    }

    private Map<String, Object> completeDocument(ComposeFiles.Source source, Map<String, Object> document, Path baseDirectory) {
        Map<String, Object> tree = document;
        if (tree.containsKey("version")) {
            warnings.add(source.displayName() + ": the attribute `version` is obsolete, it will be ignored,"
                    + " please remove it to avoid potential confusion");
        }
        new KnownKeys(problems).check(tree);
        if (options.interpolate()) {
            Interpolation interpolation = new Interpolation(variables, problems);
            tree = Values.map(interpolation.apply(tree, ComposePath.ROOT));
            unsetVariables.addAll(interpolation.unsetVariables());
            new SchemaRules(problems).check(tree);
        }
        tree = Values.map(Unicity.deduplicate(tree, ComposePath.ROOT));
        tree = canonical(tree);
        new RelativePaths(baseDirectory.toString(), home()).resolve(tree);
        return tree;
    }

    /** Warnings about the files themselves (obsolete attributes), in load order. */
    List<String> warnings() {
        return warnings;
    }

    java.util.Set<String> unsetVariables() {
        return unsetVariables;
    }

    String home() {
        String home = variables.get("HOME");
        return home == null ? System.getProperty("user.home") : home;
    }

    private Map<String, Object> canonical(Map<String, Object> tree) {
        Map<String, Object> out = new LinkedHashMap<>(tree);
        ServiceSyntax services = new ServiceSyntax(problems, allSources, options.interpolate());
        Object declared = tree.get("services");
        if (declared instanceof Map<?, ?> map) {
            Map<String, Object> canonicalServices = new LinkedHashMap<>();
            Values.map(map).forEach((name, service) -> {
                ComposePath at = ComposePath.ROOT.key("services").key(name);
                Object value = service instanceof Tagged tagged ? tagged.value() : service;
                if (value == null) {
                    value = new LinkedHashMap<String, Object>();
                }
                if (!(value instanceof Map<?, ?> fields)) {
                    problems.add(at, "a service must be a mapping");
                    return;
                }
                Map<String, Object> result = services.canonical(Values.map(fields), at);
                canonicalServices.put(name, service instanceof Tagged tagged ? new Tagged(tagged.tag(), result) : result);
            });
            out.put("services", canonicalServices);
        } else if (declared != null || tree.containsKey("services")) {
            problems.add(ComposePath.ROOT.key("services"), "must be a mapping of service names to services");
            out.remove("services");
        }
        for (String kind : List.of("networks", "volumes", "secrets", "configs")) {
            Object resources = tree.get(kind);
            if (resources instanceof Map<?, ?> map) {
                Map<String, Object> filled = new LinkedHashMap<>();
                Values.map(map).forEach((name, value) -> filled.put(name, resource(kind, value, ComposePath.ROOT.key(kind).key(name), services)));
                out.put(kind, filled);
            } else if (resources != null) {
                problems.add(ComposePath.ROOT.key(kind), "must be a mapping");
                out.remove(kind);
            }
        }
        return out;
    }

    private Object resource(String kind, Object value, ComposePath at, ServiceSyntax services) {
        if (value == null) {
            return new LinkedHashMap<String, Object>();
        }
        if (!(value instanceof Map<?, ?> map)) {
            problems.add(at, "must be a mapping");
            return new LinkedHashMap<String, Object>();
        }
        Map<String, Object> out = new LinkedHashMap<>(Values.map(map));
        if (out.get("labels") != null) {
            out.put("labels", services.keyValues(out.get("labels"), at.key("labels"), false));
        }
        if (out.get("driver_opts") instanceof Map<?, ?> options) {
            out.put("driver_opts", Values.texts(options)); // mtu: 1500 prints "1500"
        }
        if (out.get("external") instanceof Map<?, ?> legacy) {
            // external: {name: x} is the old spelling of name: x + external: true
            out.put("external", true);
            if (legacy.get("name") != null && out.get("name") != null
                    && !Values.text(legacy.get("name")).equals(Values.text(out.get("name")))) {
                problems.add(at.key("external").key("name"), "name and external.name conflict (use only name, with external: true)");
            }
            if (legacy.get("name") != null) {
                out.put("name", legacy.get("name"));
            }
        } else if (out.get("external") != null) {
            out.put("external", Values.bool(out.get("external")));
        }
        return out;
    }
}
