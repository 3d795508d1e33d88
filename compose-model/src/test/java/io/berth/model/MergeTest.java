package io.berth.model;

import static io.berth.model.Json.assertTree;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Several Compose files merged by the specification's rules (compose-go override/merge.go). */
class MergeTest {
    private final ComposeFixture fixture = new ComposeFixture();

    @AfterEach
    void cleanUp() throws Exception {
        fixture.close();
    }

    @Test
    void laterFilesMergeMappingsReplaceCommandsAndAppendSequences() throws Exception {
        fixture.file("compose.yaml", """
                services:
                  web:
                    image: nginx:1
                    command: [nginx, -g, daemon off;]
                    environment: {A: base, B: base}
                    ports: ["80:80"]
                    volumes: [./a:/data, ./logs:/logs]
                    dns: [1.1.1.1]
                    labels: {tier: web}
                """);
        fixture.file("override.yaml", """
                services:
                  web:
                    image: nginx:2
                    command: nginx-debug
                    environment: [B=override, C=new]
                    ports: ["80:80", "443:443"]
                    volumes: [./b:/data]
                    dns: [1.1.1.1, 8.8.8.8]
                """);
        LoadedModel model = fixture.load("compose.yaml", "override.yaml");
        Service web = model.project().service("web");
        assertEquals("nginx:2", web.image());
        assertEquals(List.of("nginx-debug"), web.command());
        assertTree("{A: 'base', B: 'override', C: 'new'}", web.environment());
        assertEquals(List.of("80", "443"), web.ports().stream().map(PortConfig::published).toList());
        assertEquals(List.of(fixture.directory + "/b", fixture.directory + "/logs"),
                web.volumes().stream().map(ServiceVolume::source).toList(), "volumes merge by target");
        assertEquals(List.of("1.1.1.1", "8.8.8.8"), web.dns());
        assertTree("{tier: 'web'}", web.labels());
    }

    @Test
    void resetRemovesAndOverrideReplaces() throws Exception {
        fixture.file("compose.yaml", """
                services:
                  web:
                    image: nginx
                    ports: ["80:80"]
                    environment: {A: "1", B: "2"}
                    labels: {a: "1"}
                """);
        fixture.file("override.yaml", """
                services:
                  web:
                    ports: !reset []
                    environment: !override {C: "3"}
                    labels: !reset
                """);
        Service web = fixture.project("compose.yaml", "override.yaml").service("web");
        assertEquals(List.of(), web.ports());
        assertTree("{C: '3'}", web.environment());
        assertTree("{}", web.labels());
    }

    @Test
    void overrideFileIsFoundBesideTheDiscoveredFile() throws Exception {
        fixture.file("compose.yaml", "services: {web: {image: nginx}}\n");
        fixture.file("compose.override.yaml", "services: {web: {image: nginx:debug}}\n");
        assertEquals("nginx:debug", fixture.project().service("web").image());
    }

    @Test
    void buildOfAnOverrideKeepsTheBaseDockerfile() throws Exception {
        fixture.file("compose.yaml", "services: {web: {build: {context: ., dockerfile: Web.Dockerfile}}}\n");
        fixture.file("override.yaml", "services: {web: {build: {target: dev}}}\n");
        BuildConfig build = fixture.project("compose.yaml", "override.yaml").service("web").build();
        assertEquals("Web.Dockerfile", build.dockerfile());
        assertEquals("dev", build.target());
    }

    @Test
    void anchorsAliasesAndMergeKeysAreExpanded() throws Exception {
        fixture.file("compose.yaml", """
                x-common: &common
                  image: base
                  environment: {A: "1"}
                services:
                  web:
                    <<: *common
                    environment: {B: "2"}
                  api: *common
                """);
        Project project = fixture.project();
        assertEquals("base", project.service("web").image());
        assertTree("{B: '2'}", project.service("web").environment());
        assertTree("{A: '1'}", project.service("api").environment());
        assertTree("{'x-common': {image: 'base', environment: {A: '1'}}}", project.extensions());
    }

    @Test
    void profilesSwitchServicesOnAndOff() throws Exception {
        fixture.file("compose.yaml", """
                services:
                  web: {image: nginx}
                  debug: {image: busybox, profiles: [debug]}
                  tools: {image: busybox, profiles: [tools]}
                """);
        assertEquals(List.of("web"), List.copyOf(fixture.project().services().keySet()));
        assertEquals(List.of("debug", "tools"), List.copyOf(fixture.project().disabledServices().keySet()));
        fixture.environment.put("COMPOSE_PROFILES", "debug");
        assertEquals(List.of("debug", "web"), List.copyOf(fixture.project().services().keySet()));
        LoadOptions all = fixture.options().withProfiles(List.of("*"));
        assertEquals(List.of("debug", "tools", "web"), List.copyOf(ProjectLoader.load(all).services().keySet()));
        fixture.environment.remove("COMPOSE_PROFILES");
        LoadOptions named = fixture.options().withRequestedServices(List.of("tools"));
        assertEquals(List.of("tools", "web"), List.copyOf(ProjectLoader.load(named).services().keySet()));
    }

    @Test
    void includedFilesBringTheirServicesWithPathsRelativeToThemselves() throws Exception {
        fixture.file("compose.yaml", "include: [db/compose.yaml]\nservices: {web: {image: nginx, depends_on: [db]}}\n");
        fixture.file("db/compose.yaml", "services: {db: {image: postgres, volumes: [./init:/init]}}\n");
        Project project = fixture.project();
        assertEquals(List.of("db", "web"), List.copyOf(project.services().keySet()));
        assertEquals(fixture.directory + "/db/init", project.service("db").volumes().get(0).source());
    }
}
