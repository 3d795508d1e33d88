package io.berth.model.load;

import io.berth.model.tree.ComposePath;
import io.berth.model.tree.Problems;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Service {@code volumes:} entries to the long form: {@code [source:]target[:options]}. A source that
 * starts with {@code /}, {@code .} or {@code ~} is a bind mount, any other a named volume, none an
 * anonymous volume (as Compose's loader decides).
 */
final class VolumeSyntax {
    private static final List<String> PROPAGATIONS = List.of("shared", "rshared", "slave", "rslave", "private", "rprivate");

    private VolumeSyntax() {
    }

    static Object canonical(Object entry, ComposePath path, Problems problems) {
        if (entry instanceof Map<?, ?> longForm) {
            Map<String, Object> volume = new LinkedHashMap<>(Values.map(longForm));
            if (volume.get("target") instanceof String target) {
                volume.put("target", PathNames.clean(target));
            }
            if (!volume.containsKey("type")) {
                volume.put("type", "volume");
            }
            if (Boolean.FALSE.equals(Values.bool(volume.get("read_only")))) {
                volume.remove("read_only"); // printed only when true, as Compose's omitempty does
            }
            if (volume.get("tmpfs") instanceof Map<?, ?> tmpfs && tmpfs.get("size") != null) {
                Map<String, Object> options = new LinkedHashMap<>(Values.map(tmpfs));
                try {
                    Object size = options.get("size");
                    options.put("size", size instanceof Long bytes ? String.valueOf(bytes)
                            : String.valueOf(io.berth.model.ByteSize.parse(Values.text(size)).bytes()));
                } catch (IllegalArgumentException e) {
                    problems.add(path.key("tmpfs").key("size"), e.getMessage());
                }
                volume.put("tmpfs", options);
            }
            return volume;
        }
        String text = Values.text(entry);
        if (text == null || text.isBlank()) {
            problems.add(path, "invalid volume \"\" (expected [source:]target[:ro|rw|z|Z|nocopy])");
            return null;
        }
        String[] parts = splitSpec(text);
        if (parts.length > 3) {
            problems.add(path, "invalid volume \"" + text + "\" (too many colons)");
            return null;
        }
        Map<String, Object> volume = new LinkedHashMap<>();
        String source = parts.length >= 2 ? parts[0] : null;
        String target = parts.length >= 2 ? parts[1] : parts[0];
        String options = parts.length == 3 ? parts[2] : null;
        boolean bind = source != null && (source.startsWith("/") || source.startsWith(".") || source.startsWith("~")
                || source.matches("[A-Za-z]:\\\\.*"));
        volume.put("type", source == null ? "volume" : bind ? "bind" : "volume");
        if (source != null) {
            volume.put("source", source);
        }
        volume.put("target", PathNames.clean(target));
        Map<String, Object> bindOptions = new LinkedHashMap<>();
        Map<String, Object> volumeOptions = new LinkedHashMap<>();
        if (options != null) {
            for (String option : options.split(",")) {
                switch (option) {
                    case "ro" -> volume.put("read_only", true);
                    case "rw" -> volume.remove("read_only");
                    case "z", "Z" -> bindOptions.put("selinux", option);
                    case "nocopy" -> volumeOptions.put("nocopy", true);
                    case "consistent", "cached", "delegated" -> volume.put("consistency", option);
                    default -> {
                        if (PROPAGATIONS.contains(option)) {
                            bindOptions.put("propagation", option);
                        } else {
                            problems.add(path, "invalid volume option \"" + option + "\" in \"" + text
                                    + "\" (expected ro, rw, z, Z, nocopy or a propagation)");
                        }
                    }
                }
            }
        }
        if (volume.get("type").equals("bind")) {
            bindOptions.put("create_host_path", true);
            volume.put("bind", bindOptions);
        } else {
            volume.put("volume", volumeOptions);
        }
        return volume;
    }

    /** Splits on ':' but keeps Windows drive letters ({@code C:\x}) whole. */
    private static String[] splitSpec(String text) {
        return text.split(":(?!\\\\)", -1);
    }
}
