package io.berth.runtime.supervisor;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.runtime.ContainerId;
import io.berth.runtime.ContainerSpec;
import io.berth.runtime.RuntimeOperationException;
import io.berth.runtime.RuntimeOperationException.Kind;
import io.berth.runtime.client.Protocol;
import io.berth.runtime.client.SupervisorStatus;
import io.berth.runtime.linux.ProcStat;
import io.berth.runtime.state.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Accepts connections on the supervisor's Unix socket and serves each on a small pool (threads
 * made on demand, gone after a minute idle): requests are short except waits and stops.
 */
final class SupervisorServer {
    private static final int MAX_REQUEST_THREADS = 128;
    private final ContainerManager manager;
    private final ContainerStopper stopper;
    private final Path socket;
    private final ThreadPoolExecutor pool = new ThreadPoolExecutor(0, MAX_REQUEST_THREADS, 60, TimeUnit.SECONDS,
            new SynchronousQueue<>(), runnable -> {
                Thread thread = new Thread(null, runnable, "request", 256 * 1024);
                thread.setDaemon(true);
                return thread;
            });
    private volatile boolean running = true;
    private volatile long lastRequestNanos = System.nanoTime();
    private volatile boolean collectedSinceLastRequest;
    private ServerSocketChannel server;

    SupervisorServer(ContainerManager manager, ContainerStopper stopper, Path socket) {
        this.manager = manager;
        this.stopper = stopper;
        this.socket = socket;
    }

    void bind() throws IOException {
        // 0600 whatever the umask; a stale one of a killed supervisor is replaced (we hold the root's lock)
        server = io.berth.runtime.linux.PrivateFiles.listeningSocket(socket);
    }

    /** Serves until a shutdown request; containers keep running after it returns. */
    void serve() {
        while (running) {
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (IOException e) {
                if (running) {
                    ContainerManager.log("accept: " + e.getMessage());
                }
                continue;
            }
            try {
                pool.execute(() -> handle(channel));
            } catch (java.util.concurrent.RejectedExecutionException busy) {
                reply(channel, Protocol.Reply.failure(Kind.FAILED, "the supervisor is busy; try again"));
                closeQuietly(channel);
            }
        }
    }

    private void handle(SocketChannel channel) {
        if (!io.berth.runtime.linux.UnixSockets.isOwnUser(channel)) {
            ContainerManager.log("refused a connection of another user");
            reply(channel, Protocol.Reply.failure(Kind.FAILED, "the supervisor serves only its own user"));
            closeQuietly(channel);
            return;
        }
        try (channel;
             BufferedReader reader = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel),
                     StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                Protocol.Reply reply;
                lastRequestNanos = System.nanoTime();
                collectedSinceLastRequest = false;
                try {
                    Protocol.Request request = Json.MAPPER.readValue(line, Protocol.Request.class);
                    if (request.op() == Protocol.Op.ATTACH && request.version() == Protocol.VERSION) {
                        attach(channel, request.args());
                        return;
                    }
                    if (request.op() == Protocol.Op.EVENTS && request.version() == Protocol.VERSION) {
                        EventStream.serve(manager.eventLog(), channel, request.args());
                        return;
                    }
                    reply = Protocol.Reply.success(dispatch(request));
                } catch (RuntimeOperationException e) {
                    reply = Protocol.Reply.failure(e.kind(), e.getMessage());
                } catch (IOException | IllegalArgumentException e) {
                    reply = Protocol.Reply.failure(Kind.INVALID, "bad request: " + e.getMessage());
                } catch (RuntimeException | LinkageError | AssertionError e) {
                    // logged and answered: a thread that died silently would leave the client a bare reset
                    ContainerManager.log("request failed: " + e);
                    reply = Protocol.Reply.failure(Kind.FAILED, String.valueOf(e.getMessage()));
                }
                reply(channel, reply);
            }
        } catch (IOException e) {
            // the client went away (killed CLI): whatever it asked has completed or not started
        }
    }

    /**
     * The rest of the connection is the container's stdio; the reply (after the start, if asked)
     * goes out before any output. Nothing was read ahead of the request line: the client waits for the reply.
     */
    private void attach(SocketChannel channel, JsonNode args) throws IOException {
        ContainerId id = id(args);
        manager.inspect(id).orElseThrow(() -> new RuntimeOperationException(Kind.NOT_FOUND,
                "no such container: " + id.shortId()));
        boolean start = args.path("start").asBoolean(false);
        io.berth.runtime.linux.Terminals.WindowSize size = args.has("rows")
                ? new io.berth.runtime.linux.Terminals.WindowSize(args.path("rows").asInt(), args.path("columns").asInt())
                : null;
        manager.stdio().attach(id, channel, size, () -> {
            if (start) {
                manager.start(id);
            }
            reply(channel, Protocol.Reply.success(null));
        });
    }

    private Object dispatch(Protocol.Request request) throws IOException {
        if (request.version() != Protocol.VERSION) {
            throw new RuntimeOperationException(Kind.INVALID, "protocol version " + request.version()
                    + " not understood (supervisor speaks " + Protocol.VERSION + "); stop the old supervisor");
        }
        JsonNode args = request.args() == null ? Json.MAPPER.createObjectNode() : request.args();
        return switch (request.op()) {
            case PING -> "pong";
            case STATUS -> status();
            case CREATE -> manager.create(Json.MAPPER.treeToValue(args.get("spec"), ContainerSpec.class));
            case START -> {
                manager.start(id(args));
                if (args.path("restart").asBoolean(false)) {
                    java.util.Optional.ofNullable(manager.records().get(id(args)))
                            .ifPresent(record -> manager.eventLog().add("restart", record, Map.of()));
                }
                yield null;
            }
            case STOP -> stopper.stop(id(args), duration(args, "timeout"));
            case KILL -> {
                stopper.kill(id(args), args.path("signal").asText(null));
                yield null;
            }
            case REMOVE -> {
                stopper.remove(id(args), args.path("force").asBoolean(false), args.path("volumes").asBoolean(false));
                yield null;
            }
            case PAUSE -> {
                stopper.pauser().pause(id(args));
                yield null;
            }
            case UNPAUSE -> {
                stopper.pauser().unpause(id(args));
                yield null;
            }
            case INSPECT -> manager.inspect(id(args)).orElse(null);
            case FIND_BY_NAME -> manager.findByName(args.path("name").asText()).orElse(null);
            case LIST -> manager.list(labels(args));
            case WAIT -> manager.waitForExit(id(args), java.util.Optional.ofNullable(duration(args, "timeout"))
                    .orElse(Duration.ofDays(3650))).orElse(null);
            case ATTACH, EVENTS -> throw new RuntimeOperationException(Kind.INVALID,
                    request.op().name().toLowerCase(java.util.Locale.ROOT) + ": protocol version mismatch");
            case SHUTDOWN -> {
                running = false;
                closeQuietly(server);
                yield "bye";
            }
        };
    }

    /** After 30 s without requests, one full GC so the heap shrinks (MaxHeapFreeRatio) and stays small. */
    void collectIfIdle() {
        if (!collectedSinceLastRequest && System.nanoTime() - lastRequestNanos > TimeUnit.SECONDS.toNanos(30)) {
            collectedSinceLastRequest = true;
            System.gc();
        }
    }

    SupervisorStatus status() {
        long pid = ProcessHandle.current().pid();
        return new SupervisorStatus(pid, ProcStat.rssKib(pid), ProcStat.statusKib(pid, "RssAnon"), manager.records().size(), manager.running(),
                manager.reaper().watching(), manager.logPump().following(), Thread.activeCount());
    }

    private static ContainerId id(JsonNode args) {
        return new ContainerId(args.path("id").asText());
    }

    private static Duration duration(JsonNode args, String field) {
        JsonNode node = args.get(field);
        return node == null || node.isNull() ? null : Duration.parse(node.asText());
    }

    private static Map<String, String> labels(JsonNode args) {
        Map<String, String> labels = new LinkedHashMap<>();
        args.path("labels").fields().forEachRemaining(entry -> labels.put(entry.getKey(), entry.getValue().asText()));
        return labels;
    }

    static void reply(SocketChannel channel, Protocol.Reply reply) {
        try {
            OutputStream out = Channels.newOutputStream(channel);
            byte[] bytes = Json.MAPPER.writeValueAsBytes(reply);
            out.write(bytes);
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            // the client went away
        }
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
