package io.berth.engine;

import io.berth.runtime.ContainerInfo;
import io.berth.runtime.ContainerRuntime;
import io.berth.runtime.ContainerSpec;
import io.berth.runtime.ExecResult;
import io.berth.runtime.ExecSpec;
import io.berth.runtime.RuntimeOperationException;
import java.util.List;

/**
 * Compose's {@code post_start} and {@code pre_stop} hooks, as Docker Compose v2 runs them: each an
 * exec in the container, in order, waited for; a hook that exits non-zero fails the start (the
 * container keeps running) or the stop (the container is not stopped). Their output is shown
 * line by line as {@code web-1 post_start: ...}.
 */
public final class LifecycleHooks {
    private LifecycleHooks() {
    }

    /** After a start: the container's post_start hooks; fails when it is no longer running. */
    public static void postStart(ContainerRuntime runtime, ProgressListener progress, ContainerInfo container) {
        run(runtime, progress, container, "post_start", hooksOf(container).postStart());
    }

    /**
     * Before a stop: the pre_stop hooks of a running container. A container that stopped in the
     * meantime skips them (as Compose ignores "not running" there).
     */
    public static void preStop(ContainerRuntime runtime, ProgressListener progress, ContainerInfo container) {
        if (container.state() == null || !container.state().isRunning()) {
            return;
        }
        try {
            run(runtime, progress, container, "pre_stop", hooksOf(container).preStop());
        } catch (RuntimeOperationException e) {
            if (e.kind() != RuntimeOperationException.Kind.CONFLICT && e.kind() != RuntimeOperationException.Kind.NOT_FOUND) {
                throw e;
            }
        }
    }

    private static ContainerSpec.Hooks hooksOf(ContainerInfo container) {
        return container.spec() == null ? ContainerSpec.Hooks.NONE : container.spec().options().hooks();
    }

    private static void run(ContainerRuntime runtime, ProgressListener progress, ContainerInfo container, String kind,
                            List<ExecSpec> hooks) {
        String shown = ComposeEngine.shortName(container.labels().get(Labels.SERVICE), container.name());
        for (ExecSpec hook : hooks) {
            ExecResult result = runtime.execCapturing(container.id(), hook);
            result.output().lines().forEach(line -> progress.notice(shown + " " + kind + ": " + line));
            if (result.exitCode() != 0) {
                throw new EngineException(kind + " hook " + String.join(" ", hook.command()) + " in "
                        + container.name() + " exited with status " + result.exitCode());
            }
        }
    }
}
