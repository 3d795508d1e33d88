package io.berth.runtime.supervisor;

import io.berth.runtime.ImageInfo;
import io.berth.runtime.ImageReference;
import io.berth.runtime.ImageService;
import io.berth.runtime.NetworkInfo;
import io.berth.runtime.NetworkSpec;
import io.berth.runtime.RuntimeConfig;
import io.berth.runtime.network.NetworkManager;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Images and networks in the caller's process (both keep their own file locks). */
public class DefaultLocalOperations implements LocalOperations {
    private final RuntimeConfig config;
    private ImageService images;
    private NetworkManager networks;

    public DefaultLocalOperations(RuntimeConfig config) {
        this.config = config;
    }

    protected synchronized ImageService images() {
        if (images == null) {
            images = ImageService.open(config);
        }
        return images;
    }

    protected synchronized NetworkManager networks() {
        if (networks == null) {
            networks = NetworkManager.forConfig(config, System.getenv());
        }
        return networks;
    }

    @Override
    public Optional<ImageInfo> findImage(ImageReference reference) {
        return images().resolve(reference);
    }

    @Override
    public ImageInfo pullImage(ImageReference reference) {
        return images().pull(reference, progress -> { });
    }

    @Override
    public List<ImageInfo> listImages() {
        return images().list();
    }

    @Override
    public void removeImage(ImageReference reference, boolean force) {
        images().remove(reference, force);
    }

    @Override
    public void tagImage(ImageReference source, ImageReference target) {
        images().tag(source, target);
    }

    @Override
    public NetworkInfo createNetwork(NetworkSpec spec) {
        return networks().create(spec);
    }

    @Override
    public void removeNetwork(String name) {
        networks().remove(name, false);
    }

    @Override
    public Optional<NetworkInfo> inspectNetwork(String name) {
        return networks().inspect(name);
    }

    @Override
    public List<NetworkInfo> listNetworks(Map<String, String> labelFilter) {
        return networks().list(labelFilter == null ? Map.of() : labelFilter);
    }
}
