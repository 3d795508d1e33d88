package io.berth.model.load;

import io.berth.model.tree.ComposePath;
import io.berth.model.tree.Problems;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Extends phase: a service with {@code extends} becomes its base service (same file or another,
 * chains followed) with its own attributes merged on top. A cycle is an error naming its path.
 */
final class Extends {
    /** Loads another file named by {@code extends.file} (already through the per-file phases). */
    interface FileSource {
        FileModel load(Path file) throws LoadFailure;
    }

    private final FileSource files;
    private final Problems problems;
    private final Map<String, Map<String, Object>> resolved = new HashMap<>();

    Extends(FileSource files, Problems problems) {
        this.files = files;
        this.problems = problems;
    }

    /** Applies extends to every service of the file, in place. */
    void apply(FileModel file) throws LoadFailure {
        if (!(file.tree().get("services") instanceof Map<?, ?> services)) {
            return;
        }
        Map<String, Object> result = new LinkedHashMap<>();
        for (String name : Values.map(services).keySet()) {
            Map<String, Object> service = resolve(file, name, new ArrayList<>(), ComposePath.ROOT.key("services").key(name));
            result.put(name, service == null ? Values.map(services).get(name) : service);
        }
        file.tree().put("services", result);
    }

    private Map<String, Object> resolve(FileModel file, String name, List<String> chain, ComposePath at) throws LoadFailure {
        String id = file.displayName() + "#" + name;
        if (resolved.containsKey(id)) {
            return resolved.get(id);
        }
        Map<String, Object> services = Values.map(file.tree().get("services"));
        Object value = services.get(name);
        if (!(value instanceof Map<?, ?> map)) {
            return null;
        }
        Map<String, Object> service = Values.map(map);
        if (!(service.get("extends") instanceof Map<?, ?> extendsMap)) {
            return service;
        }
        if (chain.contains(id)) {
            List<String> names = new ArrayList<>();
            chain.subList(chain.indexOf(id), chain.size()).forEach(entry -> names.add(entry.substring(entry.indexOf('#') + 1)));
            names.add(name);
            problems.add(at.key("extends"), "extends cycle: " + String.join(" -> ", names));
            return null;
        }
        chain.add(id);
        String baseName = Values.text(extendsMap.get("service"));
        FileModel baseFile = file;
        if (extendsMap.get("file") instanceof String other) {
            baseFile = files.load(Path.of(other));
            if (baseFile == null) {
                return null;
            }
        }
        Map<String, Object> baseServices = baseFile.tree().get("services") instanceof Map<?, ?> found
                ? Values.map(found) : Map.of();
        if (baseName == null || !baseServices.containsKey(baseName)) {
            problems.add(at.key("extends").key("service"), "service \"" + baseName + "\" to extend is not defined in "
                    + baseFile.displayName() + " (defined: " + String.join(", ", new java.util.TreeSet<>(baseServices.keySet())) + ")");
            return null;
        }
        Map<String, Object> base = resolve(baseFile, baseName, chain, at);
        chain.remove(id);
        if (base == null) {
            return null;
        }
        Map<String, Object> own = new LinkedHashMap<>(service);
        own.remove("extends");
        Map<String, Object> baseCopy = new LinkedHashMap<>(base);
        // the extending file's !reset/!override apply to the base; a base of the same file is as written
        // there (compose-go merges the raw service), one of another file went through the canonical form
        Map<String, Object> merged = Values.map(Values.map(Merger.merge(
                Map.of("services", Map.of(name, baseCopy)), Map.of("services", Map.of(name, own)),
                file.directives(), baseFile == file).get("services")).get(name));
        resolved.put(id, merged);
        return merged;
    }
}
