package io.berth.model;

import static io.berth.model.Json.assertTree;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** extends: same file, other file, chains; cycles are errors. */
class ExtendsTest {
    private final ComposeFixture fixture = new ComposeFixture();

    @AfterEach
    void cleanUp() throws Exception {
        fixture.close();
    }

    @Test
    void serviceExtendsAnotherOfTheSameFile() throws Exception {
        fixture.file("compose.yaml", """
                services:
                  base: {image: app, environment: {A: "1", B: "1"}, ports: ["80"]}
                  web: {extends: base, environment: {B: "2"}, ports: ["81"]}
                """);
        Service web = fixture.project().service("web");
        assertEquals("app", web.image());
        assertTree("{A: '1', B: '2'}", web.environment());
        assertEquals(List.of(80, 81), web.ports().stream().map(PortConfig::target).toList());
        assertEquals(false, fixture.service("web").containsKey("extends"));
    }

    @Test
    void serviceExtendsOneOfAnotherFileWhosePathsStayRelativeToThatFile() throws Exception {
        fixture.file("common/base.yaml", "services: {app: {build: ./src, volumes: [./conf:/conf]}}\n");
        fixture.file("compose.yaml", "services: {web: {extends: {file: common/base.yaml, service: app}}}\n");
        Service web = fixture.project().service("web");
        assertEquals(fixture.directory + "/common/src", web.build().context());
        assertEquals(fixture.directory + "/common/conf", web.volumes().get(0).source());
    }

    @Test
    void chainsAreFollowed() throws Exception {
        fixture.file("compose.yaml", """
                services:
                  a: {image: one, labels: {a: "1"}}
                  b: {extends: a, labels: {b: "1"}}
                  c: {extends: {service: b}, labels: {c: "1"}}
                """);
        assertTree("{a: '1', b: '1', c: '1'}", fixture.project().service("c").labels());
    }

    @Test
    void cyclesAreErrorsNamingTheirPath() {
        fixture.file("compose.yaml", """
                services:
                  a: {image: x, extends: b}
                  b: {image: x, extends: a}
                """);
        assertEquals(List.of(
                "compose.yaml:2:17: services.a.extends: extends cycle: a -> b -> a",
                "compose.yaml:3:17: services.b.extends: extends cycle: b -> a -> b"), fixture.problems());
    }

    @Test
    void missingBaseServiceIsAnError() {
        fixture.file("compose.yaml", "services:\n  web: {image: x, extends: {service: bsae}}\n  base: {image: x}\n");
        assertEquals(List.of("compose.yaml:2:29: services.web.extends.service: service \"bsae\" to extend is not defined"
                + " in compose.yaml (defined: base, web)"), fixture.problems());
    }
}
