package io.berth.runtime.client;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.runtime.ContainerAttachment;
import io.berth.runtime.ContainerId;
import io.berth.runtime.ContainerInfo;
import io.berth.runtime.ContainerSpec;
import io.berth.runtime.ContainerState;
import io.berth.runtime.LogQuery;
import io.berth.runtime.LogSink;
import io.berth.runtime.RuntimeConfig;
import io.berth.runtime.RuntimeOperationException;
import io.berth.runtime.RuntimeOperationException.Kind;
import io.berth.runtime.StopResult;
import io.berth.runtime.logs.LogReader;
import io.berth.runtime.logs.Liveness;
import io.berth.runtime.state.ContainerLayout;
import io.berth.runtime.state.Json;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The containers of a state root: requests to its supervisor (started again on demand if it
 * died meanwhile); logs are read from the files here. {@link io.berth.runtime.HostRuntime}
 * composes it with the in-process services into the {@code ContainerRuntime}.
 */
public final class SupervisorClient {
    private static final TypeReference<List<ContainerInfo>> CONTAINER_LIST = new TypeReference<>() { };

    private final RuntimeConfig config;
    private final ContainerLayout layout;
    private final List<String> extraJvmArgs;

    public SupervisorClient(RuntimeConfig config, List<String> extraJvmArgs) {
        this.config = config;
        this.layout = new ContainerLayout(config);
        this.extraJvmArgs = List.copyOf(extraJvmArgs);
    }

    public RuntimeConfig config() {
        return config;
    }

    // ---- containers ---------------------------------------------------------------------
    public ContainerInfo createContainer(ContainerSpec spec) {
        ObjectNode args = Protocol.args();
        args.set("spec", Json.MAPPER.valueToTree(spec));
        try {
            return as(call(Protocol.Op.CREATE, args), ContainerInfo.class);
        } catch (LostCreate lost) {
            // The supervisor went away during the create (killed, or replaced by a new one that was
            // starting): names are unique, so the container either exists now, made by that
            // request, or the create never happened and is asked of the new supervisor.
            SupervisorStarter.ensureRunning(config, extraJvmArgs);
            if (spec.name() != null) {
                Optional<ContainerInfo> made = findContainerByName(spec.name());
                if (made.isPresent()) {
                    return made.get();
                }
            }
            try {
                return as(SupervisorConnection.call(layout.supervisorSocket(), Protocol.Op.CREATE, args), ContainerInfo.class);
            } catch (IOException e) {
                throw failed(Protocol.Op.CREATE, e);
            }
        }
    }

    /** A create whose connection was lost: it may or may not have happened. */
    private static final class LostCreate extends RuntimeException {
        LostCreate(IOException cause) {
            super(cause);
        }
    }

    public void startContainer(ContainerId id) {
        call(Protocol.Op.START, idArgs(id));
    }

    /** {@code asRestart}: recorded as a restart in the event feed ({@code berth restart}). */
    public void startContainer(ContainerId id, boolean asRestart) {
        call(Protocol.Op.START, asRestart ? idArgs(id).put("restart", true) : idArgs(id));
    }

    public StopResult stopContainer(ContainerId id, Duration timeout) {
        ObjectNode args = idArgs(id);
        if (timeout != null) {
            args.put("timeout", timeout.toString());
        }
        return as(call(Protocol.Op.STOP, args), StopResult.class);
    }

    public void killContainer(ContainerId id, String signal) {
        call(Protocol.Op.KILL, idArgs(id).put("signal", signal));
    }

    public void pauseContainer(ContainerId id) {
        call(Protocol.Op.PAUSE, idArgs(id));
    }

    public void unpauseContainer(ContainerId id) {
        call(Protocol.Op.UNPAUSE, idArgs(id));
    }

    public void removeContainer(ContainerId id, boolean force) {
        removeContainer(id, force, false);
    }

    public void removeContainer(ContainerId id, boolean force, boolean removeAnonymousVolumes) {
        call(Protocol.Op.REMOVE, idArgs(id).put("force", force).put("volumes", removeAnonymousVolumes));
    }

    public Optional<ContainerInfo> inspectContainer(ContainerId id) {
        return Optional.ofNullable(as(call(Protocol.Op.INSPECT, idArgs(id)), ContainerInfo.class));
    }

    public Optional<ContainerInfo> findContainerByName(String name) {
        ObjectNode args = Protocol.args().put("name", name);
        return Optional.ofNullable(as(call(Protocol.Op.FIND_BY_NAME, args), ContainerInfo.class));
    }

    public List<ContainerInfo> listContainers(Map<String, String> labelFilter) {
        ObjectNode args = Protocol.args();
        args.set("labels", Json.MAPPER.valueToTree(labelFilter == null ? Map.of() : labelFilter));
        JsonNode result = call(Protocol.Op.LIST, args);
        return Json.MAPPER.convertValue(result, CONTAINER_LIST);
    }

    public Optional<ContainerInfo> waitForExit(ContainerId id, Duration timeout) {
        ObjectNode args = idArgs(id);
        if (timeout != null) {
            args.put("timeout", timeout.toString());
        }
        return Optional.ofNullable(as(call(Protocol.Op.WAIT, args), ContainerInfo.class));
    }

    public ContainerAttachment attach(ContainerId id, boolean start, int rows, int columns) {
        call(Protocol.Op.PING, null); // starts the supervisor if none runs
        try {
            return SocketAttachment.open(layout.supervisorSocket(), id, start, rows, columns);
        } catch (IOException e) {
            throw failed(Protocol.Op.ATTACH, e);
        }
    }

    /** See {@link io.berth.runtime.ContainerRuntime#events}. */
    public void events(java.util.function.Predicate<io.berth.runtime.ContainerEvent> sink) {
        new EventFeed(layout.supervisorSocket(), () -> call(Protocol.Op.PING, null)).follow(sink);
    }

    public void readLogs(ContainerId id, LogQuery query, LogSink sink) {
        ContainerInfo info = inspectContainer(id).orElseThrow(() ->
                new RuntimeOperationException(Kind.NOT_FOUND, "no such container: " + id.shortId()));
        LogReader reader = new LogReader(info.id(), layout.jsonLog(info.id()));
        reader.read(query, sink, atMost -> stillRunningAfter(id, atMost));
    }

    /** WAIT returns at the exit; a restarting container is waited for by sleeping (WAIT would not block). */
    private boolean stillRunningAfter(ContainerId id, Duration atMost) {
        Optional<ContainerInfo> info = atMost.isZero() ? inspectContainer(id) : waitForExit(id, atMost);
        if (info.isPresent() && info.get().state() == ContainerState.RESTARTING) {
            return Liveness.polling(() -> true).runningAfter(atMost);
        }
        return info.map(c -> c.state() == ContainerState.RUNNING || c.state() == ContainerState.RESTARTING)
                .orElse(false);
    }

    // ---- supervisor control -------------------------------------------------------------
    /**
     * Does, without connecting to anything, the one-time work of a fresh JVM's first requests:
     * the JSON mapper, the (de)serializers of a request, a reply and a container list (Jackson's
     * introspection of the runtime's records), the Unix socket classes. About a third of a short
     * command's CPU; a CLI runs this on a spare thread while it parses its arguments and the
     * Compose file. Anything that fails here is left for the real request to report.
     */
    public static void warmUp() {
        try {
            Json.MAPPER.writeValueAsBytes(new Protocol.Request(Protocol.VERSION, Protocol.Op.PING, Protocol.args()));
            Protocol.Reply reply = Json.MAPPER.readValue("{\"version\":" + Protocol.VERSION + ",\"ok\":true,\"result\":[]}",
                    Protocol.Reply.class);
            Json.MAPPER.convertValue(reply.result(), CONTAINER_LIST);
            Json.MAPPER.readerFor(CONTAINER_LIST); // builds the element deserializers an empty list skips
            Json.MAPPER.readerFor(ContainerInfo.class);
            SocketChannel.open(StandardProtocolFamily.UNIX).close();
        } catch (IOException | RuntimeException e) {
            // the real request meets and reports it
        }
    }

    /** Asks the supervisor to exit (containers keep running). False when none was running. */
    public boolean shutdownSupervisor() {
        try {
            SupervisorConnection.call(layout.supervisorSocket(), Protocol.Op.SHUTDOWN, null);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The supervisor's own figures: PID, VmRSS, containers, threads. */
    public SupervisorStatus supervisorStatus() {
        return as(call(Protocol.Op.STATUS, null), SupervisorStatus.class);
    }

    private JsonNode call(Protocol.Op op, JsonNode args) {
        try {
            return SupervisorConnection.call(layout.supervisorSocket(), op, args);
        } catch (SupervisorConnection.Unreachable | SupervisorConnection.OtherVersion notOurs) {
            // none runs, or one of another Berth, which did nothing: ensureRunning replaces it
            SupervisorStarter.ensureRunning(config, extraJvmArgs);
        } catch (IOException lost) {
            // The supervisor died during the request. Everything but create is idempotent (or
            // reports a clear conflict) and is asked again of a new one; a create may have
            // happened, so createContainer looks for it by name before it asks again.
            if (op == Protocol.Op.CREATE) {
                throw new LostCreate(lost);
            }
            SupervisorStarter.ensureRunning(config, extraJvmArgs);
        }
        try {
            return SupervisorConnection.call(layout.supervisorSocket(), op, args);
        } catch (IOException e) {
            throw failed(op, e);
        }
    }

    private RuntimeOperationException failed(Protocol.Op op, IOException e) {
        return new RuntimeOperationException(Kind.FAILED, "ask the supervisor of " + config.stateRoot() + " to "
                + op.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ": " + e.getMessage(), e);
    }

    private static ObjectNode idArgs(ContainerId id) {
        return Protocol.args().put("id", id.value());
    }

    private static <T> T as(JsonNode node, Class<T> type) {
        if (node == null || node.isNull()) {
            return null;
        }
        return Json.MAPPER.convertValue(node, type);
    }
}
