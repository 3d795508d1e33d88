package io.berth.cli;

import io.berth.engine.kubernetes.Conversion;
import io.berth.engine.kubernetes.KubernetesConversionException;
import io.berth.engine.kubernetes.KubernetesConverter;
import io.berth.engine.kubernetes.KubernetesObject;
import io.berth.engine.kubernetes.KubernetesOptions;
import io.berth.engine.kubernetes.ManifestWriter;
import io.berth.model.Project;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code config --format kubernetes}'s options, and the writing of its manifests. */
final class KubernetesFlags {
    @Option(names = "--publish-as", paramLabel = "TYPE", defaultValue = "loadbalancer",
            description = "kubernetes: the Service type of published ports, loadbalancer (default) or nodeport.")
    String publishAs;

    @Option(names = "--stateful", description = "kubernetes: services with named volumes as StatefulSets.")
    boolean stateful;

    @Option(names = "--network-policies", description = "kubernetes: Compose networks as NetworkPolicies.")
    boolean networkPolicies;

    int write(Project project, boolean quiet, Path directory) throws IOException {
        KubernetesOptions.PublishAs publish = switch (publishAs) {
            case "loadbalancer", "LoadBalancer" -> KubernetesOptions.PublishAs.LOAD_BALANCER;
            case "nodeport", "NodePort" -> KubernetesOptions.PublishAs.NODE_PORT;
            default -> throw new ExitCodes.UsageException("--publish-as: \"" + publishAs
                    + "\" is not a Service type (loadbalancer or nodeport)");
        };
        Conversion conversion;
        try {
            conversion = KubernetesConverter.convert(project, new KubernetesOptions(publish, stateful, networkPolicies,
                    KubernetesOptions.DEFAULT_WAIT_IMAGE));
        } catch (KubernetesConversionException e) {
            e.problems().forEach(problem -> System.err.println("berth: " + problem));
            return ExitCodes.FAILURE;
        }
        conversion.warnings().forEach(warning -> System.err.println("berth: warning: " + warning));
        if (quiet) {
            return ExitCodes.OK;
        }
        if (directory != null) {
            ManifestWriter.writeKustomization(conversion, directory);
            for (KubernetesObject object : conversion.objects()) {
                System.err.println("berth: wrote " + directory.resolve(object.fileName()));
            }
        } else {
            System.out.print(ManifestWriter.documents(conversion));
            System.out.flush();
        }
        return ExitCodes.OK;
    }
}
