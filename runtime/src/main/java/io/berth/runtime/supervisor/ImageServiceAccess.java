package io.berth.runtime.supervisor;

import io.berth.runtime.Digest;
import io.berth.runtime.ImageInfo;
import io.berth.runtime.ImageReference;
import io.berth.runtime.ImageService;
import io.berth.runtime.RuntimeConfig;
import io.berth.runtime.RuntimeOperationException;
import io.berth.runtime.RuntimeOperationException.Kind;
import io.berth.runtime.launch.ImageAccess;
import java.nio.file.Path;
import java.util.List;

/** The image store as container creation needs it, through the images module's {@link ImageService}. */
public final class ImageServiceAccess implements ImageAccess {
    private final RuntimeConfig config;
    private ImageService service;

    public ImageServiceAccess(RuntimeConfig config) {
        this.config = config;
    }

    private synchronized ImageService service() {
        if (service == null) {
            service = ImageService.open(config);
        }
        return service;
    }

    @Override
    public ImageInfo resolve(ImageReference reference) {
        return service().resolve(reference).orElseThrow(() -> new RuntimeOperationException(Kind.NOT_FOUND,
                "no such image: " + reference + " (pull or load it first)"));
    }

    @Override
    public List<Path> layerDirs(Digest imageId) {
        return service().layerDirs(imageId);
    }
}
