package io.berth.runtime.container;

import io.berth.runtime.ContainerAttachment;
import io.berth.runtime.linux.ErrnoNames;
import io.berth.runtime.linux.FdCalls;
import io.berth.runtime.linux.LinuxException;
import io.berth.runtime.linux.ProcessCalls;
import io.berth.runtime.linux.Terminals;
import io.berth.runtime.linux.Terminals.WindowSize;
import java.time.Duration;

/** A pty master as the container's end of a {@link TerminalRelay}; closing it is the owner's business. */
public record PtyAttachment(int master) implements ContainerAttachment {
    private static final byte[] NOTHING = new byte[0];

    @Override
    public byte[] read(Duration patience) {
        if (!ProcessCalls.awaitReadable(master, patience)) {
            return NOTHING;
        }
        try {
            byte[] bytes = FdCalls.read(master, 8192);
            return bytes.length == 0 ? null : bytes;
        } catch (LinuxException e) {
            if (e.errno() == ErrnoNames.EIO) {
                return null; // every descriptor of the slave is closed: the terminal's session ended
            }
            throw e;
        }
    }

    @Override
    public void write(byte[] input) {
        FdCalls.writeAll(master, input);
    }

    /** A terminal has no end of input of its own: the program reads one when it is typed (Ctrl-D). */
    @Override
    public void endInput() {
    }

    @Override
    public void resize(int rows, int columns) {
        Terminals.setWindowSize(master, new WindowSize(rows, columns));
    }
}
