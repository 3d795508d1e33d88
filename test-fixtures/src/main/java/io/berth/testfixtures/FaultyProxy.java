package io.berth.testfixtures;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on 127.0.0.1 in front of a local server (a registry) that breaks connections on
 * request: once armed, the next {@code times} connections that carry more than {@code afterBytes}
 * bytes in one direction are cut there ({@link Fault#CUT}, as a registry that drops a blob
 * half-way) or get that byte flipped ({@link Fault#FLIP}, a corrupted transfer). It also counts
 * the Range requests that clients send through it. Armed with {@link #armAtRequest} it instead
 * cuts the connection that carries the Nth request of a method, at its start (none of that
 * request reaches the server) or a number of bytes into it; with {@link #armAtResponse}, just
 * before the server's answer to it reaches the client (the server did the request, the client
 * never hears of it). It counts the bytes it passes to the server, in all and up to
 * the last fault. Plain TCP: HTTP only, no TLS.
 */
public final class FaultyProxy implements AutoCloseable {
    public enum Fault { CUT, FLIP }

    /** TO_CLIENT: the server's answers (a download); TO_SERVER: the client's requests (an upload). */
    public enum Direction { TO_CLIENT, TO_SERVER }

    private final ServerSocket listener;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger faultsLeft = new AtomicInteger();
    private final AtomicInteger faultsDone = new AtomicInteger();
    private final AtomicInteger rangeRequests = new AtomicInteger();
    private final java.util.Map<String, AtomicInteger> requestsByMethod = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile Fault fault = Fault.CUT;
    private volatile Direction direction = Direction.TO_CLIENT;
    private volatile long afterBytes;
    private final java.util.concurrent.atomic.AtomicLong bytesToServer = new java.util.concurrent.atomic.AtomicLong();
    private volatile long bytesToServerAtFault;
    private volatile String cutAtMethod;
    private final AtomicInteger requestsUntilCut = new AtomicInteger();
    private volatile long cutIntoRequest;
    private volatile boolean cutTheResponse;

    private FaultyProxy(ServerSocket listener, int targetPort) {
        this.listener = listener;
        this.targetPort = targetPort;
    }

    /** A proxy to 127.0.0.1:{@code targetPort}, passing everything through until {@link #arm}. */
    public static FaultyProxy start(int targetPort) throws IOException {
        FaultyProxy proxy = new FaultyProxy(new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1")), targetPort);
        Thread acceptor = new Thread(proxy::accept, "berth-test-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
        return proxy;
    }

    public String hostPort() {
        return "127.0.0.1:" + listener.getLocalPort();
    }

    public void arm(Fault kind, Direction where, long after, int times) {
        fault = kind;
        direction = where;
        afterBytes = after;
        cutAtMethod = null;
        faultsLeft.set(times);
    }

    /**
     * Cuts the connection that carries the first line of the {@code nth} request of
     * {@code method} from now on (1: the next one), before any of that request is passed on; once.
     */
    public void armAtRequest(String method, int nth) {
        armAtRequest(method, nth, 0);
    }

    /** As {@link #armAtRequest(String, int)}, after passing on {@code bytesInto} bytes of that request (headers included). */
    public void armAtRequest(String method, int nth, long bytesInto) {
        faultsLeft.set(0);
        requestsUntilCut.set(nth);
        cutIntoRequest = bytesInto;
        cutTheResponse = false;
        cutAtMethod = method;
    }

    /** Cuts the connection of the {@code nth} request of {@code method} before any of its answer reaches the client; once. */
    public void armAtResponse(String method, int nth) {
        armAtRequest(method, nth, 0);
        cutTheResponse = true;
        cutAtMethod = method;
    }

    /** Bytes passed on to the server since the proxy started. */
    public long bytesToServer() {
        return bytesToServer.get();
    }

    /** {@link #bytesToServer} when the last fault happened. */
    public long bytesToServerAtFault() {
        return bytesToServerAtFault;
    }

    public int faultsDone() {
        return faultsDone.get();
    }

    public int rangeRequests() {
        return rangeRequests.get();
    }

    /** Requests seen whose first line starts with {@code method} and a space (e.g. PATCH). */
    public int requests(String method) {
        return requestsByMethod.getOrDefault(method, new AtomicInteger()).get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getByName("127.0.0.1"), targetPort);
                sockets.add(client);
                sockets.add(server);
                java.util.concurrent.atomic.AtomicBoolean answerLost = new java.util.concurrent.atomic.AtomicBoolean();
                pump(client, server, Direction.TO_SERVER, answerLost);
                pump(server, client, Direction.TO_CLIENT, answerLost);
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** Passes bytes on; {@code answerLost}, shared by a connection's two pumps, is set when its next answer is to be cut. */
    private void pump(Socket from, Socket to, Direction way, java.util.concurrent.atomic.AtomicBoolean answerLost) {
        Thread thread = new Thread(() -> {
            boolean faulted = false;
            long count = 0;
            long cutAt = -1; // where this connection is cut, once its request of armAtRequest began
            byte[] buffer = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    if (way == Direction.TO_SERVER) {
                        String text = new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
                        if (text.toLowerCase(Locale.ROOT).contains("\r\nrange: bytes=")) {
                            rangeRequests.incrementAndGet();
                        }
                        int space = text.indexOf(' ');
                        if (space > 0 && space < 8 && text.substring(0, space).chars().allMatch(Character::isUpperCase)
                                && text.contains(" HTTP/1.1\r\n")) { // a request's first line (HttpClient writes headers apart)
                            String method = text.substring(0, space);
                            requestsByMethod.computeIfAbsent(method, m -> new AtomicInteger()).incrementAndGet();
                            if (method.equals(cutAtMethod) && requestsUntilCut.decrementAndGet() == 0) {
                                cutAtMethod = null;
                                if (cutTheResponse) {
                                    answerLost.set(true);
                                } else {
                                    cutAt = count + cutIntoRequest;
                                }
                            }
                        }
                    }
                    if (way == Direction.TO_CLIENT && answerLost.get()) {
                        bytesToServerAtFault = bytesToServer.get();
                        faultsDone.incrementAndGet();
                        from.close();
                        to.close();
                        return;
                    }
                    if (cutAt >= 0 && count + n > cutAt) {
                        cutAfter(buffer, (int) (cutAt - count), way, out, from, to);
                        return;
                    }
                    long limit = afterBytes;
                    if (!faulted && way == direction && count + n > limit && faultsLeft.get() > 0
                            && faultsLeft.getAndDecrement() > 0) {
                        faulted = true;
                        int at = (int) (limit - count);
                        if (fault == Fault.CUT) {
                            cutAfter(buffer, at, way, out, from, to);
                            return;
                        }
                        buffer[at] ^= 0x5a;
                        bytesToServerAtFault = bytesToServer.get() + at;
                        faultsDone.incrementAndGet();
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                    countToServer(way, n);
                    count += n;
                }
            } catch (IOException closed) {
                // the other side went away: so does this one
            } finally {
                close(from);
                close(to);
            }
        }, "berth-test-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    /** Passes the first {@code at} bytes of {@code buffer} on, then cuts both connections: a fault done. */
    private void cutAfter(byte[] buffer, int at, Direction way, OutputStream out, Socket from, Socket to)
            throws IOException {
        out.write(buffer, 0, at);
        out.flush();
        countToServer(way, at);
        bytesToServerAtFault = bytesToServer.get();
        faultsDone.incrementAndGet();
        from.close();
        to.close();
    }

    private void countToServer(Direction way, long bytes) {
        if (way == Direction.TO_SERVER) {
            bytesToServer.addAndGet(bytes);
        }
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : sockets) {
            close(socket);
        }
    }
}
