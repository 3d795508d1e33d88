package io.berth.runtime.build.exec;

import io.berth.runtime.build.BuildException;
import io.berth.runtime.build.BuildNetwork;
import io.berth.runtime.build.BuildStep;
import io.berth.runtime.build.context.ContentChecksum;
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
    private final ContentChecksum mounted;

    RunAction(BuildSession session, IntFunction<StageResult> stageResults, RunStep step, StageResult current,
              Path workDir, List<AutoCloseable> resources) throws IOException {
        super(session, current, workDir, resources);
        this.step = step;
        this.stageResults = stageResults;
        this.mounted = RunMountsChecksum.of(session, stageResults, step);
    }

    /** What its bind mounts (and seeded cache mounts) read: in its cache key, as BuildKit keys them. */
    @Override
    public ContentChecksum checksum() {
        return mounted;
    }

    @Override
    public BuilderStore.Layer execute(BuildStep shown) throws IOException {
        List<RunSpec.RunMount> mounts = new ArrayList<>();
        List<String> env = new ArrayList<>(step.env());
        for (RunMount mount : step.mounts()) {
            mount(mount, shown).ifPresent(mounts::add);
            if (mount.type() == RunMount.Type.SECRET && mount.env() != null) {
                secretEnv(mount, shown).ifPresent(env::add);
            }
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
        RunSpec spec = new RunSpec(step.argv(), env, step.user(), step.workdir(), network, mounts);
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
                String id = mount.id() == null || mount.id().isEmpty() ? mount.target() : mount.id();
                Path seed = null;
                String key = id;
                if (mount.from() != null) {
                    SourceRoots root = SourceRoots.open(session, stageResults, mount.from(), workDir, resources);
                    seed = root.inside(mount.source() == null ? "" : mount.source());
                    if (!Files.isDirectory(seed)) {
                        throw problem(shown, "--mount=type=cache,from=...: " + mount.source() + " is not a directory there");
                    }
                    key = id + "\0" + MountSources.identity(session, stageResults, mount.from()) + "\0" + mount.source();
                }
                CacheMountDirs.Lease lease = CacheMountDirs.acquire(session.cache.cacheMountsDir(), key, mount.sharing(),
                        new CacheMountDirs.Initial(Optional.ofNullable(mount.uid()), Optional.ofNullable(mount.gid()),
                                Optional.ofNullable(mount.mode()), seed));
                resources.add(lease);
                return Optional.of(new RunSpec.RunMount.Cache(lease.dir(), mount.target(), mount.readOnly()));
            }
            case TMPFS -> {
                return Optional.of(new RunSpec.RunMount.Tmpfs(mount.target(), Optional.ofNullable(mount.sizeBytes())));
            }
            case BIND -> {
                SourceRoots root = SourceRoots.open(session, stageResults, mount.from(), workDir, resources);
                Path source = root.inside(mount.source() == null ? "" : mount.source());
                if (!Files.exists(source)) {
                    throw problem(shown, "--mount=type=bind: " + mount.source() + ": no such file or directory");
                }
                if (!mount.readOnly()) {
                    // rw: writable over the source, and the writes discarded with the step (as BuildKit)
                    Path writable = WritableBinds.over(source, workDir.resolve("rw-bind-" + resources.size()), resources);
                    return Optional.of(new RunSpec.RunMount.Bind(writable, mount.target(), false));
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
                    return Optional.empty(); // env= only: secretEnv gives it
                }
                return Optional.of(new RunSpec.RunMount.Secret(mount.id(), file, mount.target(), mount.required()));
            }
            default -> throw problem(shown, "--mount=type=ssh is not supported");
        }
    }

    /**
     * {@code env=NAME} of a secret mount: NAME=the secret's content in the step's environment only
     * (never in the image's env, the history or the cache key). Empty when the secret was not
     * given and is not required (the mount case already refused a required one).
     */
    private Optional<String> secretEnv(RunMount mount, BuildStep shown) throws IOException {
        Path file = session.request.secrets().get(mount.id());
        if (file == null || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        String value = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        if (value.indexOf('\0') >= 0) {
            throw problem(shown, "secret " + mount.id() + " holds a NUL byte and cannot be an environment variable");
        }
        return Optional.of(mount.env() + "=" + value);
    }

    static BuildException unsupported(String what) {
        return new BuildException(what, null);
    }
}
