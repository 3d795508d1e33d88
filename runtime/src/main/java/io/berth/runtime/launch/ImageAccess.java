package io.berth.runtime.launch;

import io.berth.runtime.Digest;
import io.berth.runtime.ImageInfo;
import io.berth.runtime.ImageReference;
import java.nio.file.Path;
import java.util.List;

/** What creating a container needs of the image store. */
public interface ImageAccess {
    /** The image a reference names, or NOT_FOUND. */
    ImageInfo resolve(ImageReference reference);

    /** The image's unpacked layer directories, top-most first (overlay lowerdir order). */
    List<Path> layerDirs(Digest imageId);
}
