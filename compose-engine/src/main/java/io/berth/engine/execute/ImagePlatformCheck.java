package io.berth.engine.execute;

import io.berth.engine.EngineException;
import io.berth.engine.ProgressListener;
import io.berth.runtime.ContainerRuntime;
import io.berth.runtime.ImageInfo;
import io.berth.runtime.ImageReference;
import java.util.Optional;

/**
 * Docker's check of an image's platform when a container is created from it (docs/images.md,
 * "Images of another platform"). A pull already refuses a foreign image; one that came in by
 * {@code image load} or {@code import} is only met here. Without {@code platform:} a warning, as
 * Docker prints, and the container is created (a host with binfmt_misc emulation runs it; without,
 * its command fails with "exec format error"); with {@code platform:} it is an error, nothing made.
 */
public final class ImagePlatformCheck {
    private ImagePlatformCheck() {
    }

    /**
     * @param requested the service's {@code platform:}, or null; only the host's passes the
     *                  Compose checks (UnsupportedKeys), so any foreign image misses it
     */
    public static void check(ContainerRuntime runtime, ImageReference image, String requested, String service,
                             ProgressListener progress) {
        Optional<String> foreign = runtime.findImage(image).flatMap(ImageInfo::foreignPlatform);
        if (foreign.isEmpty()) {
            return;
        }
        String host = ImageInfo.hostPlatform();
        if (requested != null && !requested.isBlank()) {
            throw new EngineException("service " + service + ": image " + image.familiar() + " is for " + foreign.get()
                    + ", not the platform " + requested.strip() + " the service asks for (pull or build it for "
                    + host + ")");
        }
        progress.notice("WARNING: " + service + ": image " + image.familiar() + " is for " + foreign.get()
                + ", this host is " + host + " and no platform: was requested; Berth does not emulate, so its"
                + " programs fail with \"exec format error\" unless the kernel's binfmt_misc runs them");
    }
}
