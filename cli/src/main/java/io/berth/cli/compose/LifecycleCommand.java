package io.berth.cli.compose;

import io.berth.cli.ComposeSession;
import io.berth.engine.Lifecycle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** start, stop, restart, kill, rm: an operation on the existing containers of some services. */
abstract class LifecycleCommand extends ComposeCommand {
    @Mixin
    EngineOptions engineOptions;

    @Parameters(paramLabel = "SERVICE", arity = "0..*")
    List<String> services = new ArrayList<>();

    @Override
    final int run() throws Exception {
        try (ComposeSession session = open(services, false)) {
            Lifecycle lifecycle = engineOptions.engine(session.runtime()).lifecycle(session.projectName());
            return apply(lifecycle, new TreeSet<>(services));
        }
    }

    abstract int apply(Lifecycle lifecycle, Set<String> selected) throws Exception;

    static Duration seconds(Integer timeout) {
        return timeout == null ? null : Duration.ofSeconds(timeout);
    }
}
