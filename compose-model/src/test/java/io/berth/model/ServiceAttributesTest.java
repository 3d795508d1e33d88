package io.berth.model;

import static io.berth.model.Json.assertTree;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One test per service attribute: the short syntaxes become the long form Docker Compose v2 prints. */
class ServiceAttributesTest {
    private final ComposeFixture fixture = new ComposeFixture();

    @AfterEach
    void cleanUp() throws Exception {
        fixture.close();
    }

    private Object attribute(String yaml, String key) throws Exception {
        fixture.file("compose.yaml", "services:\n  web:\n    image: nginx\n" + yaml.indent(4) + "volumes: {data: }\n");
        return fixture.service("web").get(key);
    }

    @Test
    void portsShortFormsBecomeLongForm() throws Exception {
        assertTree("""
                [{mode: 'ingress', target: 80, protocol: 'tcp'},
                 {mode: 'ingress', target: 80, published: '8080', protocol: 'tcp'},
                 {mode: 'ingress', host_ip: '127.0.0.1', target: 53, published: '5353', protocol: 'udp'},
                 {mode: 'ingress', host_ip: '::1', target: 443, published: '8443', protocol: 'tcp'},
                 {mode: 'ingress', target: 90, published: '9000', protocol: 'tcp'},
                 {mode: 'ingress', target: 91, published: '9001', protocol: 'tcp'},
                 {mode: 'ingress', target: 3000, published: '3000-3005', protocol: 'tcp'},
                 {mode: 'host', target: 22, published: '2222', protocol: 'tcp'}]""",
                attribute("""
                        ports:
                          - 80
                          - "8080:80"
                          - "127.0.0.1:5353:53/udp"
                          - "[::1]:8443:443"
                          - "9000-9001:90-91"
                          - "3000-3005:3000"
                          - target: 22
                            published: 2222
                            mode: host
                        """, "ports"));
    }

    @Test
    void volumesShortFormsBecomeLongFormWithResolvedPaths() throws Exception {
        String dir = fixture.directory.toString();
        assertTree("""
                [{type: 'bind', source: '%s/html', target: '/usr/share/nginx/html', read_only: true, bind: {create_host_path: true}},
                 {type: 'volume', source: 'data', target: '/data', volume: {nocopy: true}},
                 {type: 'volume', target: '/cache', volume: {}},
                 {type: 'bind', source: '/nonexistent/conf', target: '/conf', bind: {create_host_path: true, selinux: 'z'}},
                 {type: 'tmpfs', target: '/run', tmpfs: {size: 1024}}]""".formatted(dir),
                attribute("""
                        volumes:
                          - ./html:/usr/share/nginx/html/:ro
                          - data:/data:nocopy
                          - /cache
                          - ~/conf:/conf:z
                          - type: tmpfs
                            target: /run
                            tmpfs: {size: 1024}
                        """, "volumes"));
    }

    @Test
    void environmentListAndMapAreOneMappingAndUnsetValuesComeFromTheEnvironment() throws Exception {
        fixture.environment.put("FROM_HOST", "host value");
        assertTree("{A: '1', B: 'two words', C: '', FROM_HOST: 'host value', NOT_SET: null}",
                attribute("environment: [A=1, B=two words, C=, FROM_HOST, NOT_SET]", "environment"));
        assertTree("{A: '1', B: 'true', C: null}", attribute("environment: {A: 1, B: true, C: }", "environment"));
    }

    @Test
    void envFilesAreReadAndEnvironmentWinsOverThemAndConfigDoesNotPrintThem() throws Exception {
        fixture.file("web.env", "A=from file\nB=from file\n");
        assertTree("{A: 'from file', B: 'from environment'}",
                attribute("env_file: web.env\nenvironment: {B: from environment}", "environment"));
        assertTree("null", fixture.service("web").get("env_file"));
        org.junit.jupiter.api.Assertions.assertEquals(List.of(new EnvFile(fixture.directory + "/web.env", true, null)),
                fixture.project().service("web").envFiles());
    }

    @Test
    void dependsOnListBecomesMappingWithDefaults() throws Exception {
        fixture.file("compose.yaml", """
                services:
                  web: {image: nginx, depends_on: [db], links: ["cache:redis"]}
                  api: {image: api, depends_on: {db: {condition: service_healthy, restart: true}}}
                  db: {image: postgres}
                  cache: {image: redis}
                """);
        assertTree("{db: {condition: 'service_started', required: true},"
                + " cache: {condition: 'service_started', restart: true, required: true}}", fixture.service("web").get("depends_on"));
        assertTree("{db: {condition: 'service_healthy', restart: true, required: true}}", fixture.service("api").get("depends_on"));
    }

    @Test
    void networksListBecomesMappingAndServicesWithoutNetworksJoinDefault() throws Exception {
        fixture.file("compose.yaml", """
                services:
                  web: {image: nginx, networks: [front]}
                  api: {image: api, networks: {back: {aliases: [service]}}}
                  worker: {image: w}
                  host: {image: h, network_mode: host}
                networks: {front: , back: {driver: bridge}}
                """);
        LoadedModel model = fixture.load();
        assertTree("""
                {name: 'myapp', networks: {
                   back: {name: 'myapp_back', driver: 'bridge', ipam: {}},
                   default: {name: 'myapp_default', ipam: {}},
                   front: {name: 'myapp_front', ipam: {}}},
                 services: {
                   api: {command: null, entrypoint: null, image: 'api', networks: {back: {aliases: ['service']}}},
                   host: {command: null, entrypoint: null, image: 'h', network_mode: 'host'},
                   web: {command: null, entrypoint: null, image: 'nginx', networks: {front: null}},
                   worker: {command: null, entrypoint: null, image: 'w', networks: {default: null}}}}""",
                model.canonical());
    }

    @Test
    void buildStringOrMappingGetsAbsoluteContextAndDefaultDockerfile() throws Exception {
        String dir = fixture.directory.toString();
        assertTree("{context: '%s/app', dockerfile: 'Dockerfile'}".formatted(dir), attribute("build: ./app", "build"));
        fixture.environment.put("B", "from environment");
        assertTree("{context: '%s', dockerfile: 'Containerfile', args: {A: '1', B: 'from environment'}, target: 'prod'}"
                .formatted(dir), attribute("build: {context: ., dockerfile: Containerfile, args: [A=1, B, C], target: prod}", "build"));
    }

    @Test
    void commandAndEntrypointStringsAreSplitLikeAShell() throws Exception {
        assertTree("['sh', '-c', 'echo \\\"hello world\\\"']", attribute("command: sh -c 'echo \"hello world\"'", "command"));
        assertTree("['/bin/entry', '--flag']", attribute("entrypoint: [/bin/entry, --flag]", "entrypoint"));
        assertTree("null", attribute("user: root", "command"));
    }

    @Test
    void healthcheckDurationsAreGoDurationsAndStringTestIsShellForm() throws Exception {
        assertTree("{test: ['CMD-SHELL', 'curl -f http://localhost'], interval: '1m30s', timeout: '500ms', retries: 3, start_period: '1h0m0s'}",
                attribute("healthcheck: {test: curl -f http://localhost, interval: 90s, timeout: 0.5s, retries: 3, start_period: 60m}",
                        "healthcheck"));
    }

    @Test
    void labelsAndSysctlsListsBecomeMappings() throws Exception {
        assertTree("{'a.b': 'c', empty: ''}", attribute("labels: [a.b=c, empty]", "labels"));
        assertTree("{'net.core.somaxconn': '1024'}", attribute("sysctls: [net.core.somaxconn=1024]", "sysctls"));
    }

    @Test
    void byteSizesAreByteCounts() throws Exception {
        assertTree("'536870912'", attribute("mem_limit: 512m", "mem_limit"));
        assertTree("{resources: {limits: {memory: '1610612736'}}, placement: {}}",
                attribute("deploy: {resources: {limits: {memory: 1.5G}}}", "deploy"));
    }

    @Test
    void secretsShortFormGetsDefaultTarget() throws Exception {
        fixture.file("compose.yaml", """
                services:
                  web: {image: nginx, secrets: [token, {source: key, target: k.pem}]}
                secrets:
                  token: {file: ./token.txt}
                  key: {environment: KEY}
                """);
        assertTree("[{source: 'token', target: '/run/secrets/token'}, {source: 'key', target: 'k.pem'}]",
                fixture.service("web").get("secrets"));
    }

    @Test
    void extraHostsAreHostEqualsAddress() throws Exception {
        assertTree("['db=10.0.0.2', 'ipv6=::1']", attribute("extra_hosts: ['db:10.0.0.2', 'ipv6=::1']", "extra_hosts"));
    }

    @Test
    void extensionsAreKept() throws Exception {
        assertTree("{owner: 'me'}", attribute("x-meta: {owner: me}", "x-meta"));
    }

    @Test
    void linksVolumesFromAndServiceNamespacesImplyDependencies() throws Exception {
        fixture.file("compose.yaml", """
                services:
                  web: {image: nginx, links: [db], volumes_from: ["data:ro", "container:other"], network_mode: "service:proxy"}
                  db: {image: postgres}
                  data: {image: busybox}
                  proxy: {image: envoy}
                """);
        assertTree("{db: {condition: 'service_started', restart: true, required: true},"
                + " proxy: {condition: 'service_started', restart: true, required: true},"
                + " data: {condition: 'service_started', required: true}}", fixture.service("web").get("depends_on"));
    }

    @Test
    void optionalEnvFileMayBeMissing() throws Exception {
        assertTree("{A: '1'}", attribute("env_file: [{path: missing.env, required: false}]\nenvironment: {A: 1}",
                "environment"));
    }

    @Test
    void composeFileFromStandardInput() throws Exception {
        LoadOptions options = fixture.options("-").withStdin(new java.io.ByteArrayInputStream(
                "services: {web: {image: from-stdin}}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        org.junit.jupiter.api.Assertions.assertEquals("from-stdin", ProjectLoader.load(options).service("web").image());
    }

    @Test
    void withoutInterpolationValuesKeepTheirVariables() throws Exception {
        fixture.file("compose.yaml", "services: {web: {image: 'nginx:${TAG}', ports: ['${PORT}:80'], volumes: ['${DIR}:/data']}}\n");
        LoadedModel model = ProjectLoader.loadModel(fixture.options().withInterpolation(false));
        java.util.Map<?, ?> web = (java.util.Map<?, ?>) ((java.util.Map<?, ?>) model.canonical().get("services")).get("web");
        assertTree("'nginx:${TAG}'", web.get("image"));
        assertTree("['${PORT}:80']", web.get("ports"));
    }
}
