package io.berth.runtime.build.plan;

import static io.berth.runtime.build.plan.PlanTesting.createdBy;
import static io.berth.runtime.build.plan.PlanTesting.last;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.runtime.build.dockerfile.DockerfileException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BuildPlannerTest {
    @Test
    void historyLinesAreBuildKits() throws DockerfileException {
        StagePlan plan = last("""
                FROM busybox
                ARG VERSION=1.0
                ENV APP=/app PATH=/app/bin:$PATH
                WORKDIR $APP
                LABEL version=$VERSION
                RUN echo building $VERSION
                COPY --chown=app:app --chmod=644 src/ ./
                EXPOSE 8080 53/udp
                VOLUME /data
                USER app
                STOPSIGNAL SIGINT
                HEALTHCHECK --interval=30s --retries=3 CMD wget -q localhost || exit 1
                ENTRYPOINT ["/app/run"]
                CMD ["--serve"]
                """, Map.of());
        assertEquals(List.of(
                "ARG VERSION=1.0",
                "ENV APP=/app PATH=/app/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                "WORKDIR /app",
                "LABEL version=1.0",
                "RUN |1 VERSION=1.0 /bin/sh -c echo building $VERSION # buildkit",
                "COPY --chown=app:app --chmod=644 src/ ./ # buildkit",
                "EXPOSE [53/udp 8080/tcp]",
                "VOLUME [/data]",
                "USER app",
                "STOPSIGNAL SIGINT",
                "HEALTHCHECK {Test:[CMD-SHELL wget -q localhost || exit 1] Interval:30s Timeout:0s StartPeriod:0s "
                        + "StartInterval:0s Retries:3}",
                "ENTRYPOINT [\"/app/run\"]",
                "CMD [\"--serve\"]"), createdBy(plan));
        ImageSettings settings = plan.finalSettings();
        assertEquals("/app", settings.workingDir());
        assertEquals(List.of("--serve"), settings.cmd());
        assertEquals(List.of("/app/run"), settings.entrypoint());
        assertEquals("1.0", settings.labels().get("version"));
        assertTrue(settings.argsEscaped());
        CopyStep copy = (CopyStep) plan.steps().get(5);
        assertEquals("/app/", copy.destination());
        assertEquals(List.of("src/"), copy.sources());
        assertEquals("app:app", copy.chown());
        MetadataStep workdir = (MetadataStep) plan.steps().get(2);
        assertEquals("/app", workdir.createsWorkdir());
        assertTrue(!workdir.emptyLayer());
    }

    @Test
    void runGetsShellEnvWithArgsUserAndWorkdir() throws DockerfileException {
        StagePlan plan = last("""
                FROM busybox
                ARG TOKEN
                ARG LEVEL=2
                ENV MODE=prod
                USER 1000
                SHELL ["/bin/bash", "-eu", "-c"]
                RUN --network=none make $LEVEL
                RUN ["echo", "$LEVEL"]
                """, Map.of("TOKEN", "s3", "HTTP_PROXY", "http://127.0.0.1:3128"));
        RunStep run = (RunStep) plan.steps().get(5);
        assertEquals(List.of("/bin/bash", "-eu", "-c", "make $LEVEL"), run.argv());
        assertEquals(List.of("PATH=" + StageEvaluator.DEFAULT_PATH, "MODE=prod", "TOKEN=s3", "LEVEL=2"), run.env());
        assertEquals("1000", run.user());
        assertEquals("/", run.workdir());
        assertEquals(BuildNetwork.NONE, run.network());
        assertEquals(List.of("HTTP_PROXY=http://127.0.0.1:3128"), run.proxyEnv());
        assertEquals(Map.of("LEVEL", "2", "TOKEN", "s3"), run.usedBuildArgs());
        assertEquals("RUN |2 TOKEN=s3 LEVEL=2 /bin/bash -eu -c make $LEVEL # buildkit", run.createdBy());
        RunStep exec = (RunStep) plan.steps().get(6);
        assertEquals(List.of("echo", "$LEVEL"), exec.argv());
    }

    @Test
    void globalArgsNeedABareArgInTheStage() throws DockerfileException {
        StagePlan plan = last("""
                ARG BASE=busybox
                ARG VERSION=1
                FROM $BASE
                RUN echo $VERSION
                ARG VERSION
                ARG TARGETARCH
                ENV V=$VERSION A=$TARGETARCH B=$BASE
                """, Map.of());
        RunStep run = (RunStep) plan.steps().get(0);
        assertEquals(List.of("PATH=" + StageEvaluator.DEFAULT_PATH), run.env());
        assertEquals(List.of("PATH=" + StageEvaluator.DEFAULT_PATH, "V=1", "A=amd64", "B="),
                plan.finalSettings().env());
    }

    @Test
    void buildArgOverridesGlobalAndStageDefaults() throws DockerfileException {
        StagePlan plan = last("""
                ARG V=global
                FROM busybox
                ARG V=stage
                ENV OUT=$V
                """, Map.of("V", "given"));
        assertTrue(plan.finalSettings().env().contains("OUT=given"));
    }

    @Test
    void envWinsOverArgOfTheSameName() throws DockerfileException {
        StagePlan plan = last("""
                FROM busybox
                ENV NAME=fromenv
                ARG NAME=fromarg
                ENV OUT=$NAME
                RUN true
                """, Map.of());
        assertTrue(plan.finalSettings().env().contains("OUT=fromenv"));
        RunStep run = (RunStep) plan.steps().get(3);
        assertEquals(1, run.env().stream().filter(entry -> entry.startsWith("NAME=")).count());
        assertTrue(run.env().contains("NAME=fromenv"));
    }

    @Test
    void aVariableKeepsItsValueForTheWholeInstruction() throws DockerfileException {
        StagePlan plan = last("""
                FROM busybox
                ENV a=1
                ENV a=2 b=$a
                """, Map.of());
        assertTrue(plan.finalSettings().env().contains("a=2"));
        assertTrue(plan.finalSettings().env().contains("b=1"));
    }

    @Test
    void entrypointResetsAnInheritedCmdButNotOneOfTheSameStage() throws DockerfileException {
        StagePlan reset = last("FROM busybox AS base\nCMD [\"a\"]\nFROM base\nENTRYPOINT [\"e\"]\n", Map.of());
        assertNull(reset.finalSettings().cmd());
        StagePlan kept = last("FROM busybox\nCMD [\"a\"]\nENTRYPOINT e\n", Map.of());
        assertEquals(List.of("a"), kept.finalSettings().cmd());
        assertEquals(List.of("/bin/sh", "-c", "e"), kept.finalSettings().entrypoint());
    }

    @Test
    void onbuildTriggersOfTheBaseRunFirstAndAreNotInherited() throws DockerfileException {
        BuildPlanner planner = PlanTesting.planner("FROM parent\nRUN echo child\n", Map.of(), null);
        ImageSettings parent = PlanTesting.image(List.of("PATH=/bin"), List.of("RUN echo trigger", "ENV T=1"));
        StagePlan plan = PlanTesting.plans(planner, Map.of("parent", parent)).get(0);
        assertEquals(List.of("RUN /bin/sh -c echo trigger # buildkit", "ENV T=1", "RUN /bin/sh -c echo child # buildkit"),
                createdBy(plan));
        assertEquals("ONBUILD RUN echo trigger", plan.steps().get(0).instruction());
        assertEquals("Dockerfile:1:1", plan.steps().get(0).position().toString());
        assertEquals(List.of(), plan.finalSettings().onBuild());
    }

    @Test
    void onbuildInAStageRecordsTheTrigger() throws DockerfileException {
        StagePlan plan = last("FROM busybox\nONBUILD COPY . /app\n", Map.of());
        assertEquals(List.of("COPY . /app"), plan.finalSettings().onBuild());
        assertEquals(List.of(), createdBy(plan));
    }

    @Test
    void runHeredocs() throws DockerfileException {
        StagePlan plan = last("""
                FROM busybox
                RUN <<EOF
                echo one
                echo two
                EOF
                RUN <<EOF
                #!/usr/bin/env python3
                print("hi")
                EOF
                RUN cat <<A > /a && cat <<B > /b
                alpha
                A
                beta
                B
                """, Map.of());
        RunStep plain = (RunStep) plan.steps().get(0);
        assertEquals(List.of("/bin/sh", "-c", "echo one\necho two\n"), plain.argv());
        RunStep script = (RunStep) plan.steps().get(1);
        assertEquals(List.of("/bin/sh", "-c", "/dev/pipes/EOF"), script.argv());
        assertEquals(new InlineFile("/dev/pipes/EOF", "#!/usr/bin/env python3\nprint(\"hi\")\n", 0755),
                script.inlineFiles().get(0));
        RunStep two = (RunStep) plan.steps().get(2);
        assertEquals(List.of("/bin/sh", "-c", "cat <<A > /a && cat <<B > /b\nalpha\nA\nbeta\nB"), two.argv());
    }

    @Test
    void copyHeredocExpandsUnlessQuoted() throws DockerfileException {
        StagePlan plan = last("""
                FROM busybox
                ARG PORT=80
                COPY <<conf <<'raw' /etc/
                port=$PORT "quoted"
                conf
                port=$PORT
                raw
                """, Map.of());
        CopyStep copy = (CopyStep) plan.steps().get(1);
        assertEquals(List.of(new InlineFile("conf", "port=80 \"quoted\"\n", 0644),
                new InlineFile("raw", "port=$PORT\n", 0644)), copy.inlineFiles());
        assertEquals("COPY <<conf <<raw /etc/ # buildkit", copy.createdBy());
    }

    @Test
    void copyFromStageIndexNamedContextAndImage() throws DockerfileException {
        BuildPlanner planner = PlanTesting.planner("""
                FROM busybox AS build
                RUN make
                FROM busybox
                COPY --from=build /out /a
                COPY --from=0 /out /b
                COPY --from=extra . /c
                COPY --from=nginx:1.25 /etc/nginx /d
                """, Map.of(), null);
        StagePlan plan = PlanTesting.plans(planner, Map.of()).get(1);
        assertEquals(new BuildSource.StageOutput(0), ((CopyStep) plan.steps().get(0)).from());
        assertEquals(new BuildSource.StageOutput(0), ((CopyStep) plan.steps().get(1)).from());
        assertEquals(new BuildSource.NamedContext("extra"), ((CopyStep) plan.steps().get(2)).from());
        assertEquals(new BuildSource.Image("nginx:1.25"), ((CopyStep) plan.steps().get(3)).from());
        assertEquals(java.util.Set.of("nginx:1.25"), planner.graph().node(1).images());
    }

    @Test
    void copyRules() {
        DockerfileException problems = assertThrows(DockerfileException.class, () -> PlanTesting.planner("""
                FROM busybox AS main
                COPY a b /dest
                COPY http://127.0.0.1/x /x
                COPY --chmod=999 a /y
                ADD --checksum=sha256:abc a /z
                COPY --from=$STAGE a /w
                COPY --from=later a /v
                FROM busybox AS later
                """, Map.of(), "main").graph());
        assertEquals(List.of(
                "Dockerfile:2:1: COPY: When using COPY with more than one source file, the destination must be a "
                        + "directory and end with a /",
                "Dockerfile:3:1: COPY: source can't be a URL for COPY: http://127.0.0.1/x (use ADD)",
                "Dockerfile:4:1: COPY: invalid chmod parameter: '999'. it should be octal string and between 0 and 07777",
                "Dockerfile:5:1: ADD: checksum requires HTTP(S) sources",
                "Dockerfile:6:6: COPY: variable expansion is not supported for --from (define a stage with FROM using "
                        + "an ARG from the global scope instead)",
                "Dockerfile:7:6: COPY: cannot copy from stage \"later\", it needs to be defined before the current stage"),
                problems.problems());
    }

    @Test
    void runMounts() throws DockerfileException {
        StagePlan plan = last("""
                FROM busybox AS deps
                FROM busybox
                ARG CACHE=/root/.cache
                WORKDIR /src
                RUN --mount=type=cache,target=$CACHE,sharing=locked \\
                    --mount=type=bind,from=deps,source=/lib,target=lib \\
                    --mount=type=secret,id=token,required \\
                    --mount=type=tmpfs,target=/tmp,size=64m \\
                    make
                """, Map.of());
        RunStep run = (RunStep) plan.steps().get(2);
        List<RunMount> mounts = run.mounts();
        assertEquals(new RunMount(RunMount.Type.CACHE, "/root/.cache", null, "", false, "/root/.cache",
                RunMount.Sharing.LOCKED, null, null, null, false, null, null), mounts.get(0));
        assertEquals(new RunMount(RunMount.Type.BIND, "/src/lib", new BuildSource.StageOutput(0), "/lib", true, null,
                null, null, null, null, false, null, null), mounts.get(1));
        assertEquals(new RunMount(RunMount.Type.SECRET, "/run/secrets/token", null, "", true, "token", null, null,
                null, null, true, null, null), mounts.get(2));
        assertEquals(64L * 1024 * 1024, mounts.get(3).sizeBytes());
    }

    @Test
    void platformMustBeTheHosts() throws DockerfileException {
        assertEquals(new BuildSource.Image("busybox"),
                PlanTesting.planner("FROM --platform=$BUILDPLATFORM busybox\n", Map.of(), null).graph().node(0).base());
        DockerfileException problem = assertThrows(DockerfileException.class,
                () -> PlanTesting.planner("FROM --platform=linux/arm64 busybox\n", Map.of(), null).graph());
        assertEquals(List.of("Dockerfile:1:1: FROM --platform=linux/arm64: Berth builds only for this machine's "
                + "platform linux/amd64 (no emulation of other platforms)"), problem.problems());
    }

    @Test
    void unusedBuildArgsAreReported() throws DockerfileException {
        BuildPlanner planner = PlanTesting.planner("ARG A\nFROM busybox\nARG B\n", Map.of("A", "1", "B", "2", "C", "3",
                "http_proxy", "x"), null);
        PlanTesting.plans(planner, Map.of());
        assertEquals(List.of("C"), planner.unusedBuildArgs());
    }

    @Test
    void childStageInheritsTheArgsOfItsBaseStage() throws DockerfileException {
        StagePlan plan = last("FROM busybox AS base\nARG V=1\nFROM base\nRUN echo\n", Map.of());
        assertEquals("RUN |1 V=1 /bin/sh -c echo # buildkit", plan.steps().get(0).createdBy());
    }

    @Test
    void workdirRelativeAndCopyDestinations() throws DockerfileException {
        StagePlan plan = last("""
                FROM busybox
                WORKDIR /a
                WORKDIR b/../c
                COPY x .
                COPY x y
                COPY x /abs/dir/
                """, Map.of());
        assertEquals("/a/c", plan.finalSettings().workingDir());
        assertEquals("/a/c/", ((CopyStep) plan.steps().get(2)).destination());
        assertEquals("/a/c/y", ((CopyStep) plan.steps().get(3)).destination());
        assertEquals("/abs/dir/", ((CopyStep) plan.steps().get(4)).destination());
    }

    @Test
    void substitutionErrorsCarryThePosition() {
        DockerfileException problem = assertThrows(DockerfileException.class,
                () -> last("FROM busybox\nENV A=${B:?required}\n", Map.of()));
        assertEquals(List.of("Dockerfile:2:1: failed to process \"${B:?required}\": B: required"), problem.problems());
    }

    @Test
    void badTriggersOfABaseImageAreReportedAtTheFrom() throws DockerfileException {
        BuildPlanner planner = PlanTesting.planner("FROM parent\n", Map.of(), null);
        planner.graph();
        ImageSettings parent = PlanTesting.image(List.of(), List.of("USER", "RUN --bogus true"));
        DockerfileException problems = assertThrows(DockerfileException.class, () -> planner.evaluate(0, parent));
        assertEquals(List.of("Dockerfile:1:1: ONBUILD trigger: USER requires exactly one argument",
                "Dockerfile:1:1: ONBUILD trigger: RUN: unknown flag: --bogus"), problems.problems());
    }

    @Test
    void triggersOfABaseImageMayNeedAnotherStage() throws DockerfileException {
        BuildPlanner planner = PlanTesting.planner("FROM busybox AS assets\nFROM parent\n", Map.of(), null);
        assertEquals(List.of(1), planner.graph().stages().stream().map(StageNode::stageIndex).toList());
        ImageSettings parent = PlanTesting.image(List.of(), List.of("COPY --from=assets /a /a", "RUN true"));
        assertEquals(java.util.Set.of(0), planner.triggerDependencies(1, parent));
        planner.evaluate(0, ImageSettings.empty());
        StagePlan plan = planner.evaluate(1, parent);
        assertEquals(new BuildSource.StageOutput(0), ((CopyStep) plan.steps().get(0)).from());
    }
}
