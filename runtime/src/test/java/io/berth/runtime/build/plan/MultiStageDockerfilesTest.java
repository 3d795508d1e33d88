package io.berth.runtime.build.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.berth.runtime.build.dockerfile.DockerfileException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Realistic multi-stage Dockerfiles written for Berth (a Go, a Node, a Python and a Java style
 * build): each parses, its needed stages are found, and each stage's history is what BuildKit writes.
 */
class MultiStageDockerfilesTest {
    private static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private static Map<Integer, StagePlan> plan(String text, Map<String, String> buildArgs) throws DockerfileException {
        return PlanTesting.plans(PlanTesting.planner(text, buildArgs, null), Map.of());
    }

    private static String base(StagePlan plan) {
        return plan.base() instanceof BuildSource.Image image ? image.reference() : plan.base().toString();
    }

    @Test
    void goServiceWithAStaticRuntime() throws DockerfileException {
        Map<Integer, StagePlan> plans = plan("""
                # syntax=docker/dockerfile:1
                ARG GO_VERSION=1.22
                FROM golang:${GO_VERSION}-alpine AS build
                WORKDIR /src
                ENV CGO_ENABLED=0
                COPY go.mod go.sum ./
                RUN --mount=type=cache,target=/go/pkg/mod go mod download
                COPY . .
                ARG VERSION=dev
                RUN go build -ldflags "-X main.version=${VERSION}" -o /out/server ./cmd/server

                FROM gcr.io/distroless/static AS runtime
                COPY --from=build /out/server /server
                USER nonroot:nonroot
                EXPOSE 8080
                ENTRYPOINT ["/server"]
                """, Map.of("VERSION", "1.4.0"));
        assertEquals(Set.of(0, 1), new TreeSet<>(plans.keySet()));
        assertEquals("golang:1.22-alpine", base(plans.get(0)));
        // an ARG given as a build arg is written with the given value, as current BuildKit does
        assertEquals(List.of("WORKDIR /src", "ENV CGO_ENABLED=0", "COPY go.mod go.sum ./ # buildkit",
                "RUN /bin/sh -c go mod download # buildkit", "COPY . . # buildkit", "ARG VERSION=1.4.0",
                "RUN |1 VERSION=1.4.0 /bin/sh -c go build -ldflags \"-X main.version=${VERSION}\" -o /out/server "
                        + "./cmd/server # buildkit"), PlanTesting.createdBy(plans.get(0)));
        assertEquals(List.of("COPY /out/server /server # buildkit", "USER nonroot:nonroot", "EXPOSE [8080/tcp]",
                "ENTRYPOINT [\"/server\"]"), PlanTesting.createdBy(plans.get(1)));
        CopyStep copy = (CopyStep) plans.get(1).steps().get(0);
        assertEquals(new BuildSource.StageOutput(0), copy.from());
        assertEquals(List.of("/server"), plans.get(1).finalSettings().entrypoint());
    }

    @Test
    void nodeAppWithSeparateDependencyAndBuildStages() throws DockerfileException {
        Map<Integer, StagePlan> plans = plan("""
                FROM node:20-alpine AS deps
                WORKDIR /app
                COPY package.json package-lock.json ./
                RUN npm ci --omit=dev

                FROM node:20-alpine AS build
                WORKDIR /app
                COPY package.json package-lock.json ./
                RUN npm ci
                COPY . .
                RUN npm run build

                FROM node:20-alpine
                ENV NODE_ENV=production
                WORKDIR /app
                COPY --from=deps /app/node_modules ./node_modules
                COPY --from=build /app/dist ./dist
                COPY package.json ./
                USER node
                EXPOSE 3000
                CMD ["node", "dist/server.js"]
                """, Map.of());
        assertEquals(Set.of(0, 1, 2), new TreeSet<>(plans.keySet()));
        assertEquals(List.of("WORKDIR /app", "COPY package.json package-lock.json ./ # buildkit",
                "RUN /bin/sh -c npm ci --omit=dev # buildkit"), PlanTesting.createdBy(plans.get(0)));
        assertEquals(List.of("ENV NODE_ENV=production", "WORKDIR /app",
                "COPY /app/node_modules ./node_modules # buildkit", "COPY /app/dist ./dist # buildkit",
                "COPY package.json ./ # buildkit", "USER node", "EXPOSE [3000/tcp]", "CMD [\"node\" \"dist/server.js\"]"),
                PlanTesting.createdBy(plans.get(2)));
        ImageSettings settings = plans.get(2).finalSettings();
        assertEquals(List.of("PATH=" + DEFAULT_PATH, "NODE_ENV=production"), settings.env());
        assertEquals("/app", settings.workingDir());
        assertEquals("node", settings.user());
    }

    @Test
    void pythonAppWithAVirtualEnvironment() throws DockerfileException {
        Map<Integer, StagePlan> plans = plan("""
                FROM python:3.12-slim AS builder
                ENV PIP_NO_CACHE_DIR=1 \\
                    PYTHONDONTWRITEBYTECODE=1
                WORKDIR /build
                COPY requirements.txt .
                RUN python -m venv /venv \\
                 && /venv/bin/pip install -r requirements.txt

                FROM python:3.12-slim
                COPY --from=builder /venv /venv
                ENV PATH="/venv/bin:$PATH"
                WORKDIR /srv
                COPY --chown=1000:1000 app/ ./app/
                USER 1000
                CMD ["gunicorn", "-b", "0.0.0.0:8000", "app.main:app"]
                """, Map.of());
        assertEquals(List.of("ENV PIP_NO_CACHE_DIR=1 PYTHONDONTWRITEBYTECODE=1", "WORKDIR /build",
                "COPY requirements.txt . # buildkit",
                "RUN /bin/sh -c python -m venv /venv  && /venv/bin/pip install -r requirements.txt # buildkit"),
                PlanTesting.createdBy(plans.get(0)));
        assertEquals(List.of("COPY /venv /venv # buildkit", "ENV PATH=/venv/bin:" + DEFAULT_PATH, "WORKDIR /srv",
                "COPY --chown=1000:1000 app/ ./app/ # buildkit", "USER 1000",
                "CMD [\"gunicorn\" \"-b\" \"0.0.0.0:8000\" \"app.main:app\"]"), PlanTesting.createdBy(plans.get(1)));
        assertEquals(List.of("PATH=/venv/bin:" + DEFAULT_PATH), plans.get(1).finalSettings().env());
    }

    @Test
    void javaServiceWithAnUnneededTestStage() throws DockerfileException {
        Map<Integer, StagePlan> plans = plan("""
                ARG JDK=21
                FROM eclipse-temurin:${JDK}-jdk AS build
                WORKDIR /workspace
                COPY mvnw pom.xml ./
                COPY .mvn .mvn
                RUN --mount=type=cache,target=/root/.m2 ./mvnw -B dependency:go-offline
                COPY src src
                RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -DskipTests package

                FROM build AS test
                RUN ./mvnw -B test

                FROM eclipse-temurin:${JDK}-jre AS runtime
                ARG JAR=workspace/target/app.jar
                RUN addgroup --system app && adduser --system --ingroup app app
                COPY --from=build /${JAR} /opt/app/app.jar
                USER app
                EXPOSE 8080/tcp 8081
                ENTRYPOINT ["java", "-jar", "/opt/app/app.jar"]
                """, Map.of("JDK", "17"));
        assertEquals(Set.of(0, 2), new TreeSet<>(plans.keySet()));
        assertEquals("eclipse-temurin:17-jdk", base(plans.get(0)));
        assertEquals("eclipse-temurin:17-jre", base(plans.get(2)));
        assertEquals(List.of("WORKDIR /workspace", "COPY mvnw pom.xml ./ # buildkit", "COPY .mvn .mvn # buildkit",
                "RUN /bin/sh -c ./mvnw -B dependency:go-offline # buildkit", "COPY src src # buildkit",
                "RUN /bin/sh -c ./mvnw -B -DskipTests package # buildkit"), PlanTesting.createdBy(plans.get(0)));
        assertEquals(List.of("ARG JAR=workspace/target/app.jar",
                "RUN |1 JAR=workspace/target/app.jar /bin/sh -c addgroup --system app && adduser --system "
                        + "--ingroup app app # buildkit",
                "COPY /workspace/target/app.jar /opt/app/app.jar # buildkit", "USER app", "EXPOSE [8080/tcp 8081/tcp]",
                "ENTRYPOINT [\"java\" \"-jar\" \"/opt/app/app.jar\"]"), PlanTesting.createdBy(plans.get(2)));
        assertEquals(Set.of("8080/tcp", "8081/tcp"), plans.get(2).finalSettings().exposedPorts());
    }
}
