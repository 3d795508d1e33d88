package io.berth.engine.convert;

import io.berth.engine.ImageBuild;
import io.berth.engine.Labels;
import io.berth.model.BuildConfig;
import io.berth.model.FileObjectConfig;
import io.berth.model.FileReference;
import io.berth.model.Project;
import io.berth.model.Service;
import io.berth.runtime.ImageReference;
import io.berth.runtime.build.BuildNetwork;
import io.berth.runtime.build.BuildRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A service's {@code build:} to the builder's request, as Docker Compose v2 passes it to BuildKit
 * (labels com.docker.compose.project/service/version added, tags after the image name); what
 * Berth cannot build is collected, each naming the service and key.
 */
final class BuildTranslator {
    /** The platform RUN steps run on: this host's, as BuildKit names it. */
    static final String HOST_PLATFORM = "linux/" + switch (System.getProperty("os.arch")) {
        case "amd64", "x86_64" -> "amd64";
        case "aarch64", "arm64" -> "arm64";
        default -> System.getProperty("os.arch");
    };

    private final Project project;
    private final Service service;
    private final BuildConfig build;
    private final List<String> unsupported = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    private BuildTranslator(Project project, Service service) {
        this.project = project;
        this.service = service;
        this.build = service.build();
    }

    static ImageBuild translate(Project project, Service service, ImageReference image) {
        return service.build() == null ? null : new BuildTranslator(project, service).run(image);
    }

    private ImageBuild run(ImageReference image) {
        Path context = Path.of(build.remoteContext() ? project.workingDir().toString() : build.context());
        if (build.remoteContext()) {
            refuse("context", "\"" + build.context() + "\" is a remote context; berth builds from local directories only"
                    + " (clone it and point build.context at the directory)");
        }
        BuildRequest.Builder request = BuildRequest.builder(context)
                .target(build.target())
                .buildArgs(build.args())
                .labels(labels())
                .tags(tags(image))
                .noCache(build.noCache())
                .pull(build.pull())
                .namedContexts(namedContexts())
                .secrets(secrets())
                .extraHosts(extraHosts())
                .ulimits(ulimits())
                .privileged(build.privileged());
        if (build.dockerfileInline() != null) {
            request.dockerfileInline(build.dockerfileInline());
        } else {
            request.dockerfile(Path.of(build.dockerfile() == null ? "Dockerfile" : build.dockerfile()));
        }
        if (build.shmSize() != null) {
            request.shmSize(build.shmSize());
        }
        if (build.network() != null) {
            try {
                request.network(BuildNetwork.parse(build.network()));
            } catch (IllegalArgumentException notSupported) {
                refuse("network", notSupported.getMessage());
            }
        }
        checkUnsupported();
        SortedSet<String> contextServices = new TreeSet<>(build.contextServices());
        return new ImageBuild(request.build(), contextServices, unsupported, warnings, service.image() != null);
    }

    private void checkUnsupported() {
        if (!build.ssh().isEmpty()) {
            refuse("ssh", "SSH agent forwarding into builds is not supported (" + String.join(", ", build.ssh().keySet())
                    + "); use a build secret (build.secrets) instead");
        }
        for (String platform : build.platforms()) {
            if (!platform.equals(HOST_PLATFORM)) {
                refuse("platforms", "berth builds for this host's platform only (" + HOST_PLATFORM + "), not " + platform);
            }
        }
        if (build.isolation() != null && !build.isolation().equals("default")) {
            refuse("isolation", "isolation \"" + build.isolation() + "\" is not supported on Linux (only default)");
        }
        if (!build.cacheFrom().isEmpty()) {
            warn("cache_from", "is not used: berth's builder keeps its cache on this host (" + String.join(", ", build.cacheFrom()) + ")");
        }
        if (!build.cacheTo().isEmpty()) {
            warn("cache_to", "is not used: berth's builder does not export its cache (" + String.join(", ", build.cacheTo()) + ")");
        }
    }

    /** Compose's image labels (getImageBuildLabels) under the file's. */
    private Map<String, String> labels() {
        Map<String, String> labels = new TreeMap<>(build.labels());
        labels.put(Labels.PROJECT, project.name());
        labels.put(Labels.SERVICE, service.name());
        labels.put(Labels.VERSION, Labels.BERTH_VERSION);
        return labels;
    }

    private List<ImageReference> tags(ImageReference image) {
        List<ImageReference> tags = new ArrayList<>(List.of(image));
        for (String tag : build.tags()) {
            try {
                ImageReference reference = ImageReference.parse(tag);
                if (!tags.contains(reference)) {
                    tags.add(reference);
                }
            } catch (RuntimeException invalid) {
                refuse("tags", "\"" + tag + "\" is not a valid image name: " + invalid.getMessage());
            }
        }
        return tags;
    }

    private Map<String, BuildRequest.NamedContext> namedContexts() {
        Map<String, BuildRequest.NamedContext> contexts = new LinkedHashMap<>();
        build.additionalContexts().forEach((name, location) -> {
            if (location.startsWith("service:")) {
                Service other = project.services().get(location.substring("service:".length()));
                if (other != null) {
                    contexts.put(name, new BuildRequest.NamedContext.Image(
                            ImageReference.parse(ServiceTranslator.imageName(project, other))));
                }
            } else if (location.startsWith("docker-image://")) {
                contexts.put(name, new BuildRequest.NamedContext.Image(
                        ImageReference.parse(location.substring("docker-image://".length()))));
            } else if (BuildConfig.isRemote(location)) {
                refuse("additional_contexts." + name, "\"" + location + "\" is a remote context; berth takes directories,"
                        + " docker-image://IMAGE and service:NAME");
            } else {
                contexts.put(name, new BuildRequest.NamedContext.Directory(Path.of(location)));
            }
        });
        return contexts;
    }

    /** RUN --mount=type=secret,id=ID: the id is the target when given, else the secret's name (as Compose). */
    private Map<String, Path> secrets() {
        Map<String, Path> secrets = new LinkedHashMap<>();
        for (FileReference reference : build.secrets()) {
            FileObjectConfig secret = project.secrets().get(reference.source());
            String id = reference.target() != null ? reference.target() : reference.source();
            if (secret == null) {
                continue; // the model reported it
            }
            if (secret.file() != null) {
                secrets.put(id, Path.of(secret.file()));
            } else {
                refuse("secrets", "secret \"" + reference.source() + "\" is not a file; berth's builds take file secrets only"
                        + " (write it to a file and use secrets." + reference.source() + ".file)");
            }
        }
        return secrets;
    }

    private Map<String, String> extraHosts() {
        Map<String, String> hosts = new LinkedHashMap<>();
        for (String entry : build.extraHosts()) {
            int equals = entry.indexOf('=');
            hosts.putIfAbsent(entry.substring(0, equals), entry.substring(equals + 1));
        }
        return hosts;
    }

    private Map<String, BuildRequest.Ulimit> ulimits() {
        Map<String, BuildRequest.Ulimit> ulimits = new TreeMap<>();
        build.ulimits().forEach((name, limit) -> ulimits.put(name, new BuildRequest.Ulimit(limit.soft(), limit.hard())));
        return ulimits;
    }

    private void refuse(String key, String why) {
        unsupported.add("service " + service.name() + ": build." + key + ": " + why);
    }

    private void warn(String key, String what) {
        warnings.add("service " + service.name() + ": build." + key + " " + what);
    }
}
