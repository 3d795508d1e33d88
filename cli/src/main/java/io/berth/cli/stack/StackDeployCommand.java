package io.berth.cli.stack;

import io.berth.cli.ExitCodes;
import io.berth.cli.Invocation;
import io.berth.engine.swarm.RegistryAuth;
import io.berth.engine.swarm.StackDeployer;
import io.berth.model.LoadOptions;
import io.berth.model.Project;
import io.berth.model.ProjectLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth stack deploy -c compose.yaml NAME}: create or update the stack's services. */
@Command(name = "deploy", aliases = "up", mixinStandardHelpOptions = true,
        description = "Deploy a new stack or update an existing one.")
final class StackDeployCommand implements Callable<Integer> {
    @Option(names = {"-c", "--compose-file"}, paramLabel = "FILE", required = true,
            description = "Compose files (repeatable; later ones override earlier ones).")
    List<String> files = new ArrayList<>();

    @Option(names = "--prune", description = "Remove services the files no longer name.")
    boolean prune;

    @Option(names = "--with-registry-auth", description = "Send registry credentials (~/.docker/config.json) to the swarm agents.")
    boolean withRegistryAuth;

    @Option(names = "--resolve-image", paramLabel = "WHEN", defaultValue = "always",
            description = "Pin images to the registry's digest: always (default), changed or never.")
    String resolveImage;

    @Parameters(paramLabel = "STACK", description = "The stack's name.")
    String stack;

    @Override
    public Integer call() throws Exception {
        if (!List.of("always", "changed", "never").contains(resolveImage)) {
            throw new ExitCodes.UsageException("--resolve-image: \"" + resolveImage + "\" (always, changed or never)");
        }
        Project project = ProjectLoader.load(LoadOptions.of(Invocation.cwd(), Invocation.env()).withConfigFiles(files)
                .withProjectName(stack));
        String auth = withRegistryAuth ? RegistryAuth.header(project, Invocation.env()) : null;
        List<String> warnings = new StackDeployer(SwarmAccess.engine(auth), System.out::println)
                .deploy(project, new StackDeployer.Options(prune, resolveImage));
        warnings.forEach(warning -> System.err.println("berth: warning: " + warning));
        return ExitCodes.OK;
    }
}
