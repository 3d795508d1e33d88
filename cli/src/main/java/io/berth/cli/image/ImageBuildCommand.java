package io.berth.cli.image;

import io.berth.cli.Invocation;
import io.berth.runtime.ImageReference;
import io.berth.runtime.RuntimeConfig;
import io.berth.runtime.build.BuildException;
import io.berth.runtime.build.BuildNetwork;
import io.berth.runtime.build.BuildRequest;
import io.berth.runtime.build.BuildResult;
import io.berth.runtime.build.ImageBuilder;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth image build -t NAME [-f FILE] CONTEXT}: docker build, without Compose. */
@Command(name = "build", description = "Build an image from a Dockerfile.")
public final class ImageBuildCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CONTEXT", description = "The build context directory.")
    Path context;

    @Option(names = {"-t", "--tag"}, paramLabel = "NAME[:TAG]", description = "Name the image (repeatable).")
    List<String> tags = new ArrayList<>();

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "The Dockerfile (default: CONTEXT/Dockerfile).")
    Path file;

    @Option(names = "--target", paramLabel = "STAGE", description = "Build this stage (default: the last).")
    String target;

    @Option(names = "--build-arg", paramLabel = "KEY[=VALUE]", description = "A build arg (KEY alone: from the environment).")
    List<String> buildArgs = new ArrayList<>();

    @Option(names = "--label", paramLabel = "KEY=VALUE", description = "A label of the image (repeatable).")
    List<String> labels = new ArrayList<>();

    @Option(names = "--no-cache", description = "Run every step; use no cached result.")
    boolean noCache;

    @Option(names = "--pull", description = "Pull base images even when present.")
    boolean pull;

    @Option(names = "--network", paramLabel = "MODE", description = "Network of RUN steps: default, none or host.")
    String network = "default";

    @Option(names = "--secret", paramLabel = "id=ID,src=FILE", description = "A secret for RUN --mount=type=secret.")
    List<String> secrets = new ArrayList<>();

    @Option(names = "--add-host", paramLabel = "HOST:IP", description = "An /etc/hosts entry of RUN steps.")
    List<String> addHosts = new ArrayList<>();

    @Option(names = "--build-context", paramLabel = "NAME=PATH|docker-image://REF", description = "An additional named context.")
    List<String> buildContexts = new ArrayList<>();

    @Option(names = "--explain", description = "Say why each step missed the cache.")
    boolean explain;

    @Option(names = {"-q", "--quiet"}, description = "Print only the image id.")
    boolean quiet;

    @Override
    public Integer call() {
        try {
            BuildRequest request = request();
            ImageBuilder builder = ImageBuilder.open(RuntimeConfig.fromEnvironment(Invocation.env()),
                    io.berth.runtime.RegistrySettings.fromEnvironment(Invocation.env()));
            BuildResult result = builder.build(request, quiet ? io.berth.runtime.build.BuildListener.NONE
                    : new PlainBuildOutput(spec.commandLine().getErr(), explain));
            spec.commandLine().getOut().println(result.imageId());
            return 0;
        } catch (BuildException | IllegalArgumentException e) {
            spec.commandLine().getErr().println("Error: " + e.getMessage());
            if ("1".equals(Invocation.env("BERTH_DEBUG"))) {
                e.printStackTrace(spec.commandLine().getErr());
            }
            return 1;
        }
    }

    private BuildRequest request() {
        Map<String, String> args = new LinkedHashMap<>();
        for (String arg : buildArgs) {
            int equals = arg.indexOf('=');
            if (equals < 0) {
                String value = Invocation.env(arg);
                if (value != null) {
                    args.put(arg, value); // docker build: a KEY absent from the environment is left out
                }
            } else {
                args.put(arg.substring(0, equals), arg.substring(equals + 1));
            }
        }
        BuildRequest.Builder builder = BuildRequest.builder(context.toAbsolutePath())
                .tags(tags.stream().map(ImageCommandSupport::reference).toList())
                .target(target).buildArgs(args).labels(pairs(labels, "--label", '=')).noCache(noCache).pull(pull)
                .network(BuildNetwork.parse(network)).explain(explain)
                .extraHosts(pairs(addHosts, "--add-host", ':'));
        if (file != null) {
            builder.dockerfile(file.toAbsolutePath());
        }
        Map<String, Path> secretFiles = new LinkedHashMap<>();
        for (String secret : secrets) {
            Map<String, String> fields = pairs(List.of(secret.split(",")), "--secret", '=');
            String id = fields.get("id");
            String source = fields.getOrDefault("src", fields.get("source"));
            if (id == null || source == null) {
                throw new IllegalArgumentException("--secret " + secret + ": want id=ID,src=FILE");
            }
            secretFiles.put(id, Path.of(source).toAbsolutePath());
        }
        builder.secrets(secretFiles);
        Map<String, BuildRequest.NamedContext> contexts = new LinkedHashMap<>();
        pairs(buildContexts, "--build-context", '=').forEach((name, value) -> contexts.put(name,
                value.startsWith("docker-image://")
                        ? new BuildRequest.NamedContext.Image(ImageReference.parse(value.substring("docker-image://".length())))
                        : new BuildRequest.NamedContext.Directory(Path.of(value).toAbsolutePath())));
        builder.namedContexts(contexts);
        String epoch = args.containsKey("SOURCE_DATE_EPOCH") ? args.get("SOURCE_DATE_EPOCH") : Invocation.env("SOURCE_DATE_EPOCH");
        if (epoch != null && !epoch.isEmpty()) {
            try {
                builder.sourceDateEpoch(Instant.ofEpochSecond(Long.parseLong(epoch.trim())));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("SOURCE_DATE_EPOCH=" + epoch + ": not a number of seconds");
            }
        }
        return builder.build();
    }

    private static Map<String, String> pairs(List<String> values, String option, char separator) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String value : values) {
            int at = value.indexOf(separator);
            if (at <= 0) {
                throw new IllegalArgumentException(option + " " + value + ": want KEY" + separator + "VALUE");
            }
            map.put(value.substring(0, at), value.substring(at + 1));
        }
        return map;
    }
}
