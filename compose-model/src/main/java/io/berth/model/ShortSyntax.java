package io.berth.model;

import io.berth.model.load.ShortForms;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@code ports:} or {@code volumes:} entry in short syntax given on the command line
 * ({@code run -p 8080:80}, {@code run -v ./data:/data:ro}), read by the same rules as in a Compose
 * file. Invalid text throws IllegalArgumentException with the reason.
 */
public final class ShortSyntax {
    private ShortSyntax() {
    }

    /** {@code [host_ip:][published:]target[/protocol]}; a range of both sides gives one entry per port. */
    public static List<PortConfig> ports(String text) {
        List<PortConfig> ports = new ArrayList<>();
        for (Object entry : ShortForms.ports(text)) {
            Map<?, ?> port = (Map<?, ?>) entry;
            ports.add(new PortConfig(null, text(port, "mode"), text(port, "host_ip"),
                    ((Number) port.get("target")).intValue(), text(port, "published"), text(port, "protocol"), null));
        }
        return List.copyOf(ports);
    }

    /** {@code [source:]target[:options]}: a bind when the source is a path (relative to {@code projectDirectory}). */
    public static ServiceVolume volume(String text, Path projectDirectory) {
        Map<String, Object> volume = ShortForms.volume(text, projectDirectory);
        Map<?, ?> bind = volume.get("bind") instanceof Map<?, ?> map ? map : null;
        Map<?, ?> options = volume.get("volume") instanceof Map<?, ?> map ? map : null;
        return new ServiceVolume(text(volume, "type"), text(volume, "source"), text(volume, "target"),
                Boolean.TRUE.equals(volume.get("read_only")), text(volume, "consistency"),
                bind == null ? null : new ServiceVolume.BindOptions(text(bind, "propagation"),
                        (Boolean) bind.get("create_host_path"), text(bind, "selinux")),
                options == null ? null : new ServiceVolume.VolumeOptions(Boolean.TRUE.equals(options.get("nocopy")), null),
                null);
    }

    private static String text(Map<?, ?> map, String key) {
        Object value = map.get(key);
        return value == null ? null : String.valueOf(value);
    }
}
