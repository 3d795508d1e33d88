package io.berth.cli.compose;

import io.berth.cli.ComposeSession;
import io.berth.cli.ExitCodes;
import io.berth.engine.EngineException;
import io.berth.engine.Lifecycle;
import io.berth.engine.ObservedState;
import io.berth.engine.ProgressListener;
import io.berth.runtime.ContainerCopy;
import io.berth.runtime.ContainerInfo;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code berth cp SERVICE:SRC DEST|-} and {@code berth cp SRC|- SERVICE:DEST}, as Docker Compose v2:
 * from replica 1 (or {@code --index}); to every replica of the service (or {@code --index}); running
 * or stopped containers. The copy itself, Docker's path rules and its confinement to the container's
 * root are the runtime's ({@link ContainerCopy}).
 */
@Command(name = "cp", description = "Copy files/folders between a service container and the local filesystem.",
        customSynopsis = {"berth cp [OPTIONS] SERVICE:SRC_PATH DEST_PATH|-", "berth cp [OPTIONS] SRC_PATH|- SERVICE:DEST_PATH"})
public final class CpCommand extends ComposeCommand {
    @Option(names = {"-a", "--archive"}, description = "Archive mode (copy all uid/gid information).")
    boolean archive;

    @Option(names = {"-L", "--follow-link"}, description = "Always follow symbol link in SRC_PATH.")
    boolean followLink;

    @Option(names = "--index", paramLabel = "N", defaultValue = "0",
            description = "Index of the container if the service has multiple replicas (0: from the first, to all).")
    int index;

    @Option(names = "--all", description = "Include containers created by the run command.")
    boolean all;

    @Parameters(index = "0", paramLabel = "SOURCE")
    String source;

    @Parameters(index = "1", paramLabel = "DESTINATION")
    String destination;

    @Override
    int run() throws Exception {
        ServicePath from = ServicePath.parse(source);
        ServicePath to = ServicePath.parse(destination);
        if ((from == null) == (to == null)) {
            throw new ExitCodes.UsageException(from == null
                    ? "one of the paths must name a service: SERVICE:PATH (e.g. berth cp web:/etc/hosts ./hosts)"
                    : "copying between two containers is not supported; copy to the host, then from it");
        }
        String service = from != null ? from.service() : to.service();
        try (ComposeSession session = open(List.of(service), false)) {
            List<ContainerInfo> containers = targets(session, service, from != null);
            ContainerCopy copies = session.runtime().copies();
            List<String> warnings = new ArrayList<>();
            if (from != null) {
                ContainerInfo container = containers.get(0);
                if (destination.equals("-")) {
                    OutputStream out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out));
                    warnings.addAll(copies.toArchive(container, from.path(), followLink, out));
                    out.flush();
                } else {
                    warnings.addAll(copies.toHost(container, from.path(), destination, archive, followLink));
                }
            } else if (source.equals("-")) {
                if (containers.size() > 1) {
                    throw new ExitCodes.UsageException("a tar stream on stdin can go to one container only: add --index N"
                            + " (service " + service + " has " + containers.size() + ")");
                }
                warnings.addAll(copies.fromArchive(new FileInputStream(FileDescriptor.in), containers.get(0), to.path(),
                        archive));
            } else {
                for (ContainerInfo container : containers) {
                    warnings.addAll(copies.toContainer(source, container, to.path(), archive, followLink));
                }
            }
            warnings.forEach(warning -> System.err.println("warning: " + warning));
            return 0;
        }
    }

    private List<ContainerInfo> targets(ComposeSession session, String service, boolean fromContainer) {
        List<ContainerInfo> containers = new Lifecycle(session.runtime(), ProgressListener.SILENT, 1,
                session.projectName()).containers(Set.of(service), all).stream()
                .filter(container -> index == 0 || ObservedState.number(container) == index)
                .toList();
        if (containers.isEmpty()) {
            throw new EngineException("service " + service + ": no container" + (index == 0 ? "" : " with index " + index)
                    + " to copy " + (fromContainer ? "from" : "to") + " (try: berth up -d " + service + ")");
        }
        return fromContainer ? containers.subList(0, 1) : containers;
    }

    /** {@code SERVICE:PATH}; null for a host path (a "-", an absolute path, or no colon before the first slash). */
    record ServicePath(String service, String path) {
        static ServicePath parse(String argument) {
            int colon = argument.indexOf(':');
            int slash = argument.indexOf('/');
            if (argument.equals("-") || argument.startsWith("/") || argument.startsWith(".") || colon <= 0
                    || (slash >= 0 && slash < colon)) {
                return null;
            }
            return new ServicePath(argument.substring(0, colon), argument.substring(colon + 1));
        }
    }
}
