package io.berth.engine.convert;

import io.berth.engine.EngineException;
import io.berth.model.Service;
import io.berth.model.ByteSize;
import io.berth.runtime.ContainerSpec;

/**
 * {@code logging:} as the runtime keeps it: json-file and local (and, with a warning from the
 * support check, any other driver) a JSON log rotated by {@code max-size}/{@code max-file}, none
 * nothing. As Docker, {@code max-file} counts only with a {@code max-size}.
 */
final class LogSettings {
    private LogSettings() {
    }

    static ContainerSpec.Logging of(Service service) {
        if (service.logging() == null) {
            return null;
        }
        String driver = service.logging().driver() == null ? "json-file" : service.logging().driver();
        String maxSize = service.logging().options().get("max-size");
        String maxFile = service.logging().options().get("max-file");
        Long maxBytes = null;
        Integer maxFiles = null;
        try {
            if (maxSize != null && !maxSize.equals("-1")) {
                maxBytes = ByteSize.parse(maxSize).bytes();
            }
        } catch (IllegalArgumentException e) {
            throw new EngineException("service " + service.name() + ": logging.options.max-size: " + e.getMessage());
        }
        try {
            if (maxFile != null && maxBytes != null) {
                maxFiles = Integer.parseInt(maxFile.strip());
                if (maxFiles < 1) {
                    throw new NumberFormatException();
                }
            }
        } catch (NumberFormatException e) {
            throw new EngineException("service " + service.name() + ": logging.options.max-file: \"" + maxFile
                    + "\" must be a whole number of at least 1");
        }
        return new ContainerSpec.Logging(driver, maxBytes, maxFiles);
    }
}
