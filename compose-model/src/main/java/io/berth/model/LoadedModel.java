package io.berth.model;

import java.util.List;
import java.util.Map;

/**
 * A loaded project together with its canonical tree: the normalized model exactly as
 * {@code docker compose config} prints it (maps, lists, strings, numbers, booleans, nulls), and the
 * warnings Docker Compose would print (unset variables, several default files found).
 */
public record LoadedModel(Project project, Map<String, Object> canonical, List<String> warnings) {
}
