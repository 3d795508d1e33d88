package io.berth.runtime.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.runtime.PortBinding;
import io.berth.runtime.RuntimeOperationException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 item 11: the host port of a range is the one whose socket was bound, not one an earlier
 * probe found free. A program that binds and frees one port of the range over and over (what a
 * replica leaving, a test client or any daemon can do between a probe and a bind) never makes a
 * publish fail while another port of the range is free; when none is, the message names the holder.
 */
class PortSocketsTest {
    private static final String LOOPBACK = "127.0.0.1";
    private static final int FIRST = 24710;

    private static PortBinding range(int first, int last) {
        return new PortBinding(80, "tcp", LOOPBACK, first, last);
    }

    @Test
    void aRangeTakesTheNextPortWhenAnotherProgramBindsOneMeanwhile() throws Exception {
        AtomicBoolean flapping = new AtomicBoolean(true);
        Thread flapper = new Thread(() -> {
            while (flapping.get()) {
                try (ServerSocket socket = new ServerSocket()) {
                    socket.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), FIRST));
                    Thread.onSpinWait();
                } catch (java.io.IOException e) {
                    // we took it first this time
                }
            }
        });
        flapper.start();
        try {
            for (int round = 0; round < 300; round++) {
                PortSockets.Taken taken = PortSockets.take("web", List.of(range(FIRST, FIRST + 1)), List.of());
                try {
                    int port = taken.bindings().get(0).hostPort();
                    assertTrue(port == FIRST || port == FIRST + 1, "round " + round + ": " + port);
                    assertEquals(1, taken.sockets().size());
                } finally {
                    HeldPorts.closeAll(taken.sockets());
                }
            }
        } finally {
            flapping.set(false);
            flapper.join();
        }
    }

    @Test
    void portsOfOneRequestAndOfBerthRulesAreSkipped() throws Exception {
        List<PublishedPortRules.Rule> existing = PublishedPortRules.all(
                "*nat\n-A BERTH-DNAT-abc -d 127.0.0.1/32 -p tcp -m tcp --dport " + (FIRST + 2)
                        + " -m comment --comment \"berth:0123456789ab:80\" -j DNAT --to-destination 10.0.0.2:80\nCOMMIT\n");
        PortSockets.Taken taken = PortSockets.take("web",
                List.of(range(FIRST + 2, FIRST + 4), range(FIRST + 2, FIRST + 4)), existing);
        try {
            assertEquals(List.of(FIRST + 3, FIRST + 4), taken.bindings().stream().map(PortBinding::hostPort).toList());
        } finally {
            HeldPorts.closeAll(taken.sockets());
        }
    }

    @Test
    void aRangeWithNoFreePortNamesWhoHoldsItAndKeepsNothing() throws Exception {
        try (ServerSocket first = new ServerSocket(); ServerSocket second = new ServerSocket()) {
            first.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), FIRST + 6));
            second.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), FIRST + 7));
            RuntimeOperationException e = assertThrows(RuntimeOperationException.class, () -> PortSockets.take("web",
                    List.of(new PortBinding(81, "tcp", LOOPBACK, FIRST + 5), range(FIRST + 6, FIRST + 7)), List.of()));
            assertEquals(RuntimeOperationException.Kind.CONFLICT, e.kind());
            assertTrue(e.getMessage().startsWith("service web: host port 127.0.0.1:" + (FIRST + 6) + "-" + (FIRST + 7)
                    + "/tcp: no port of the range is free"), e.getMessage());
            assertTrue(e.getMessage().contains("held by PID " + ProcessHandle.current().pid()), e.getMessage());
        }
        // the single port taken before the failure was given back
        try (ServerSocket again = new ServerSocket()) {
            again.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), FIRST + 5));
        }
    }
}
