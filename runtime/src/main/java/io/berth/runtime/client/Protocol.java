package io.berth.runtime.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.runtime.RuntimeOperationException;
import io.berth.runtime.state.Json;

/**
 * The supervisor's wire format: one JSON object per line each way over the Unix socket.
 * Request {@code {"version":1,"op":"start","args":{...}}}; reply {@code {"version":1,"ok":true,
 * "result":...}} or {@code {"version":1,"ok":false,"kind":"CONFLICT","message":"..."}}.
 */
public final class Protocol {
    /**
     * Raised with every change of the wire format (2: ATTACH, REMOVE's "volumes", VOLUMES_FROM mounts,
     * port checks; 3: EVENTS, PAUSE, UNPAUSE). A client meeting a supervisor of another version asks it to shut down, in that
     * supervisor's version, and starts its own: containers run on and are re-adopted (SupervisorStarter).
     */
    public static final int VERSION = 3;

    public enum Op { PING, CREATE, START, STOP, KILL, REMOVE, INSPECT, FIND_BY_NAME, LIST, WAIT, SHUTDOWN, STATUS,
        /** 3: freeze and thaw a container's cgroup. */
        PAUSE, UNPAUSE,
        /** Then the connection carries a container's stdio ({@link AttachFrames}). */
        ATTACH,
        /**
         * {@code {epoch?, after?}}: replied {@code {epoch, after}}, then the connection carries container
         * events, one JSON object a line (an empty line every few seconds while there are none), until the
         * client closes it. Without an epoch, or with another supervisor's, from now on; with this one's, after
         * the given sequence.
         */
        EVENTS }

    public record Request(int version, Op op, JsonNode args) {
    }

    public record Reply(int version, boolean ok, JsonNode result, RuntimeOperationException.Kind kind, String message) {
        public static Reply success(Object result) {
            return new Reply(VERSION, true, Json.MAPPER.valueToTree(result), null, null);
        }

        public static Reply failure(RuntimeOperationException.Kind kind, String message) {
            return new Reply(VERSION, false, null, kind, message);
        }
    }

    public static ObjectNode args() {
        return Json.MAPPER.createObjectNode();
    }

    private Protocol() {
    }
}
