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
        List<String> parts = new java.util.ArrayList<>();
        String error = splitSpec(text, parts);
        if (error != null) {
            problems.add(path, "invalid volume \"" + text + "\" (" + error + ")");
            return null;
        }
        Map<String, Object> volume = new LinkedHashMap<>();
        String source = parts.size() >= 2 ? parts.get(0) : null;
        String target = parts.size() >= 2 ? parts.get(1) : parts.get(0);
        String options = parts.size() == 3 ? parts.get(2) : null;
        boolean bind = source != null && (source.startsWith("/") || source.startsWith(".") || source.startsWith("~")
                || source.startsWith("\\\\") || source.length() >= 2 && Character.isLetter(source.charAt(0)) && source.charAt(1) == ':');
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
                    case "consistent", "cached", "delegated" -> { } // macOS options Compose reads and drops
                    default -> {
                        if (PROPAGATIONS.contains(option)) {
                            bindOptions.put("propagation", option);
                        } // Compose ignores any other option
                    }
                }
            }
        }
        if (volume.get("type").equals("bind")) {
            bindOptions.put("create_host_path", true);
            volume.put("bind", bindOptions);
            if (!volumeOptions.isEmpty()) {
                volume.put("volume", volumeOptions); // nocopy on a bind is kept (and printed) as Compose does
            }
        } else {
            volume.put("volume", volumeOptions);
        }
        return volume;
    }

    /**
     * Splits on ':' as compose-go does: a letter followed by ':' at the start of a part is a Windows
     * drive and stays whole ({@code c:/data:/x}, and so {@code v:/v} is one target). Returns the error,
     * or null.
     */
    private static String splitSpec(String text, List<String> parts) {
        StringBuilder buffer = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ':' && buffer.length() == 1 && Character.isLetter(buffer.charAt(0))) {
                buffer.append(c);
            } else if (c == ':') {
                if (buffer.length() == 0) {
                    return "empty section between colons";
                }
                if (parts.size() == 2) {
                    return "too many colons";
                }
                parts.add(buffer.toString());
                buffer.setLength(0);
            } else {
                buffer.append(c);
            }
        }
        if (buffer.length() == 0) {
            return "empty section between colons";
        }
        parts.add(buffer.toString());
        return null;
    }
}
