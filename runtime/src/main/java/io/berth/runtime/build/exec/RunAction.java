package io.berth.runtime.build.exec;

import io.berth.runtime.build.BuildException;
import io.berth.runtime.build.BuildNetwork;
import io.berth.runtime.build.BuildStep;
import io.berth.runtime.build.plan.InlineFile;
import io.berth.runtime.build.plan.RunMount;
import io.berth.runtime.build.plan.RunStep;
import io.berth.runtime.container.LaunchRequest;
import io.berth.runtime.image.BuilderStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

/** A RUN: its mounts resolved, run in a container, its upper directory stored as the layer. */
final class RunAction extends StepActions.Action {
    private final RunStep step;
    private final IntFunction<StageResult> stageResults;

    RunAction(BuildSession session, IntFunction<StageResult> stageResults, RunStep step, StageResult current,
              Path workDir, List<AutoCloseable> resources) {
        super(session, current, workDir, resources);
        this.step = step;
        this.stageResults = stageResults;
    }

    @Override
    public BuilderStore.Layer execute(BuildStep shown) throws IOException {
        List<RunSpec.RunMount> mounts = new ArrayList<>();
        for (RunMount mount : step.mounts()) {
            mount(mount, shown).ifPresent(mounts::add);
        }
        Path inline = Files.createDirectories(workDir.resolve("inline"));
        int number = 0;
        for (InlineFile file : step.inlineFiles()) {
            Path written = inline.resolve("file-" + number++);
            Files.writeString(written, file.content(), StandardCharsets.UTF_8);
            CopyExecutor.setOwnerAndMode(written, 0, 0, file.mode());
            mounts.add(new RunSpec.RunMount.Bind(written, file.path()));
        }
        BuildNetwork network = session.request.network();
        if (step.network() == io.berth.runtime.build.plan.BuildNetwork.NONE) {
            network = BuildNetwork.NONE;
        } else if (step.network() == io.berth.runtime.build.plan.BuildNetwork.HOST) {
            network = BuildNetwork.HOST;
        }
        RunSpec spec = new RunSpec(step.argv(), step.env(), step.user(), step.workdir(), network, mounts);
        List<LaunchRequest.Rlimit> rlimits = session.request.ulimits().entrySet().stream()
                .map(entry -> new LaunchRequest.Rlimit(entry.getKey(), entry.getValue().soft(), entry.getValue().hard()))
                .toList();
        String command = step.instruction().startsWith("RUN ") ? step.instruction().substring(4) : step.instruction();
        Path upper = session.runner.run(spec, layerDirs(), workDir, session.request.extraHosts(),
                session.request.shmSizeBytes().orElse(0L), rlimits, session.request.privileged(), shown.location(),
                command, (stderr, line) -> session.listener.output(shown, stream(stderr), line));
        return LayerMaker.store(session.store, upper, session.fixedTime());
    }

    private Optional<RunSpec.RunMount> mount(RunMount mount, BuildStep shown) throws IOException {
        switch (mount.type()) {
            case CACHE -> {
                if (mount.from() != null) {
                    throw problem(shown, "--mount=type=cache,from=... is not supported (a cache of its own is)");
                }
                String id = mount.id() == null || mount.id().isEmpty() ? mount.target() : mount.id();
                return Optional.of(new RunSpec.RunMount.Cache(id, mount.target(), mount.readOnly(),
                        Optional.ofNullable(mount.uid()), Optional.ofNullable(mount.gid()), Optional.ofNullable(mount.mode())));
            }
            case TMPFS -> {
                return Optional.of(new RunSpec.RunMount.Tmpfs(mount.target(), Optional.ofNullable(mount.sizeBytes())));
            }
            case BIND -> {
                if (!mount.readOnly()) {
                    throw problem(shown, "--mount=type=bind,rw is not supported (Berth mounts build binds read-only)");
                }
                SourceRoots root = SourceRoots.open(session, stageResults, mount.from(), workDir, resources);
                Path source = root.inside(mount.source() == null ? "" : mount.source());
                if (!Files.exists(source)) {
                    throw problem(shown, "--mount=type=bind: " + mount.source() + ": no such file or directory");
                }
                return Optional.of(new RunSpec.RunMount.Bind(source, mount.target()));
            }
            case SECRET -> {
                Path file = session.request.secrets().get(mount.id());
                if (file == null || !Files.isRegularFile(file)) {
                    if (mount.required()) {
                        throw problem(shown, "secret " + mount.id() + " is required but was not given (--secret id="
                                + mount.id() + ",src=FILE)");
                    }
                    return Optional.empty();
                }
                if (mount.target() == null) {
                    throw problem(shown, "--mount=type=secret,env=... is not supported (mount it as a file)");
                }
                return Optional.of(new RunSpec.RunMount.Secret(mount.id(), file, mount.target(), mount.required()));
            }
            default -> throw problem(shown, "--mount=type=ssh is not supported");
        }
    }

    static BuildException unsupported(String what) {
        return new BuildException(what, null);
    }
}
