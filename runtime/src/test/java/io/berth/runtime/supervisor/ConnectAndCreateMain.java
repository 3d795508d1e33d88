package io.berth.runtime.supervisor;

import io.berth.runtime.ContainerSpec;
import io.berth.runtime.RuntimeConfig;
import io.berth.runtime.RuntimeOperationException;
import io.berth.runtime.Runtimes;
import io.berth.runtime.HostRuntime;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A stand-in CLI for the cross-process race test: STATE_ROOT RUN_ROOT NAME... connects (starting
 * the supervisor if none answers, with the plain launcher) and creates a container per name;
 * prints "created NAME" or "conflict NAME".
 */
public final class ConnectAndCreateMain {
    private ConnectAndCreateMain() {
    }

    public static void main(String[] args) {
        RuntimeConfig config = new RuntimeConfig(Path.of(args[0]), Path.of(args[1]));
        List<String> jvmArgs = List.of(
                "-Dberth.supervisor.launcher=" + PlainProcessLauncher.class.getName(),
                "-Dberth.supervisor.images=" + DirectoryImages.class.getName(),
                "-Dberth.supervisor.networks=" + LoopbackNetworks.class.getName());
        try (HostRuntime runtime = Runtimes.connect(config, jvmArgs)) {
            for (String name : Arrays.asList(args).subList(2, args.length)) {
                try {
                    runtime.createContainer(ContainerSpec.simple(name, SupervisorFixture.IMAGE, null));
                    System.out.println("created " + name);
                } catch (RuntimeOperationException e) {
                    System.out.println((e.kind() == RuntimeOperationException.Kind.CONFLICT ? "conflict " : "failed ")
                            + name + ": " + e.getMessage());
                }
            }
        }
    }
}
