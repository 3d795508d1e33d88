package io.berth.cli.server;

import io.berth.cli.Invocation;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.function.Function;

/**
 * System.out, System.err and System.in of the server, replaced once at start by streams that
 * go to the caller of the command running on the current thread ({@link Invocation#current()}),
 * or to the server's own (its log) on threads that run no command.
 */
final class RoutingStreams {
    private RoutingStreams() {
    }

    static void install() {
        PrintStream out = System.out;
        PrintStream err = System.err;
        InputStream in = System.in;
        System.setOut(new PrintStream(new Routed(out, Invocation::out), true));
        System.setErr(new PrintStream(new Routed(err, Invocation::err), true));
        System.setIn(new InputStream() {
            @Override
            public int read() throws IOException {
                Invocation invocation = Invocation.current();
                return (invocation == null ? in : invocation.in()).read();
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                Invocation invocation = Invocation.current();
                return (invocation == null ? in : invocation.in()).read(buffer, offset, length);
            }
        });
    }

    private static final class Routed extends OutputStream {
        private final OutputStream own;
        private final Function<Invocation, OutputStream> target;

        Routed(OutputStream own, Function<Invocation, OutputStream> target) {
            this.own = own;
            this.target = target;
        }

        private OutputStream current() {
            Invocation invocation = Invocation.current();
            return invocation == null ? own : target.apply(invocation);
        }

        @Override
        public void write(int b) throws IOException {
            current().write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            current().write(bytes, offset, length);
        }

        @Override
        public void flush() throws IOException {
            current().flush();
        }
    }
}
