package io.berth.model.load;

import io.berth.model.Problem;
import io.berth.model.tree.ComposePath;
import io.berth.model.tree.Problems;
import io.berth.model.tree.SourceMap;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The short syntaxes of {@code ports:} and {@code volumes:} for values given outside a file
 * ({@code run -p}, {@code run -v}), read by the same rules as in a file; a relative bind source is
 * resolved against the project directory, {@code ~} against the home directory.
 */
public final class ShortForms {
    private ShortForms() {
    }

    /** The long forms of one port entry (a range gives several); IllegalArgumentException when invalid. */
    public static List<Object> ports(String text) {
        Problems problems = new Problems(new SourceMap());
        List<Object> ports = PortSyntax.canonical(text, ComposePath.ROOT, problems);
        failOn(problems, ports);
        return ports;
    }

    /** The long form of one volume entry, its bind source made absolute. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> volume(String text, Path projectDirectory) {
        Problems problems = new Problems(new SourceMap());
        Object volume = VolumeSyntax.canonical(text, ComposePath.ROOT, problems);
        failOn(problems, volume);
        Map<String, Object> longForm = (Map<String, Object>) volume;
        if ("bind".equals(longForm.get("type")) && longForm.get("source") instanceof String source) {
            String home = System.getProperty("user.home");
            String absolute = source.equals("~") ? home : source.startsWith("~/") ? home + source.substring(1)
                    : projectDirectory.resolve(source).normalize().toString();
            longForm.put("source", absolute);
        }
        return longForm;
    }

    private static void failOn(Problems problems, Object result) {
        try {
            problems.throwIfAny();
        } catch (io.berth.model.ComposeProblemsException e) {
            throw new IllegalArgumentException(e.problems().stream().map(Problem::message).reduce((a, b) -> a + "; " + b)
                    .orElse(e.getMessage()), e);
        }
        if (result == null) {
            throw new IllegalArgumentException("invalid value");
        }
    }
}
