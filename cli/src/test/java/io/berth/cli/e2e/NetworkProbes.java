package io.berth.cli.e2e;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** What the network tests look at from the host: HTTP on 127.0.0.1, free ports, interface lists. */
final class NetworkProbes {
    private NetworkProbes() {
    }

    /** The body of GET / on address:port (HTTP/1.0, busybox httpd). */
    static String httpGet(String address, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 3000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return response.substring(response.indexOf("\r\n\r\n") + 4);
        }
    }

    /** Whether another program (SO_REUSEADDR, as servers set it) could listen on 0.0.0.0:port now. */
    static boolean tcpPortIsFree(int port) throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), port));
            return true;
        } catch (java.net.BindException taken) {
            return false;
        }
    }

    /** Interface names in a /proc/net/dev text (two header lines, then "  name: counters"). */
    static Set<String> interfacesIn(String procNetDev) {
        return procNetDev.lines().filter(line -> line.contains(":"))
                .map(line -> line.substring(0, line.indexOf(':')).strip())
                .filter(name -> !name.isEmpty() && !name.contains("|"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    static Set<String> hostInterfaces() throws IOException {
        return interfacesIn(Files.readString(Path.of("/proc/net/dev")));
    }

    /** Without the veths and bridges that containers of this shared machine add and remove at any time. */
    static Set<String> withoutTransient(Set<String> interfaces) {
        return interfaces.stream()
                .filter(name -> !name.startsWith("vb") && !name.startsWith("bt-") && !name.startsWith("veth")
                        && !name.startsWith("br-") && !name.startsWith("docker"))
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
