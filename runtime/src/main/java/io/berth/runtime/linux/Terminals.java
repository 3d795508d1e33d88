package io.berth.runtime.linux;

import com.sun.jna.LastErrorException;

/**
 * Pseudo-terminals and terminal modes: a pty pair opened from a given ptmx (a container's own
 * devpts instance, so that {@code tty} in it names /dev/pts/N of its /dev), window sizes, and raw
 * mode for the CLI's terminal while it relays. Failures throw {@link LinuxException} naming the call.
 */
public final class Terminals {
    // <asm-generic/ioctls.h> (x86-64, arm64)
    private static final long TIOCGPTN = 0x80045430L;
    private static final long TIOCSPTLCK = 0x40045431L;
    private static final long TIOCGPTPEER = 0x5441;
    private static final long TIOCGWINSZ = 0x5413;
    private static final long TIOCSWINSZ = 0x5414;
    private static final int TCSANOW = 0;
    private static final int TERMIOS_SIZE = 64; // struct termios is 60 bytes on Linux/glibc

    private Terminals() {
    }

    /** A pty: the master (CLOEXEC) and the slave's number in the devpts instance it came from. */
    public record Pty(int master, int number) {
        /** The slave's path as seen by whoever has that devpts at /dev/pts. */
        public String slavePath() {
            return "/dev/pts/" + number;
        }
    }

    /** A terminal's size in character cells. */
    public record WindowSize(int rows, int columns) {
    }

    /** Opens a new pty from {@code ptmx} (e.g. "/dev/pts/ptmx"), unlocked, its slave not yet open. */
    public static Pty openPty(String ptmx) {
        int master = FdCalls.open(ptmx, FdCalls.O_RDWR | FdCalls.O_NOCTTY, 0);
        try {
            LibC.ioctl(master, TIOCSPTLCK, new byte[4]);
            byte[] number = new byte[4];
            LibC.ioctl(master, TIOCGPTN, number);
            return new Pty(master, littleEndianInt(number, 0));
        } catch (LastErrorException e) {
            FdCalls.closeQuietly(master);
            throw LinuxException.of("ioctl", "pty master " + ptmx, e);
        }
    }

    /** A descriptor of the master's slave (CLOEXEC, not made anyone's controlling terminal). */
    public static int openSlave(int master) {
        try {
            return LibC.ioctl(master, TIOCGPTPEER, FdCalls.O_RDWR | FdCalls.O_NOCTTY | FdCalls.O_CLOEXEC);
        } catch (LastErrorException e) {
            throw LinuxException.of("ioctl", "TIOCGPTPEER of fd " + master, e);
        }
    }

    public static boolean isTerminal(int fd) {
        return LibCProcess.isatty(fd) == 1;
    }

    /** The terminal's size, or empty when {@code fd} is no terminal (or reports 0x0). */
    public static java.util.Optional<WindowSize> windowSize(int fd) {
        byte[] winsize = new byte[8];
        try {
            LibC.ioctl(fd, TIOCGWINSZ, winsize);
        } catch (LastErrorException e) {
            return java.util.Optional.empty();
        }
        int rows = (winsize[0] & 0xff) | (winsize[1] & 0xff) << 8;
        int columns = (winsize[2] & 0xff) | (winsize[3] & 0xff) << 8;
        return rows == 0 && columns == 0 ? java.util.Optional.empty()
                : java.util.Optional.of(new WindowSize(rows, columns));
    }

    public static void setWindowSize(int fd, WindowSize size) {
        byte[] winsize = new byte[8];
        winsize[0] = (byte) size.rows();
        winsize[1] = (byte) (size.rows() >> 8);
        winsize[2] = (byte) size.columns();
        winsize[3] = (byte) (size.columns() >> 8);
        try {
            LibC.ioctl(fd, TIOCSWINSZ, winsize);
        } catch (LastErrorException e) {
            throw LinuxException.of("ioctl", "TIOCSWINSZ fd " + fd + " " + size, e);
        }
    }

    /** The terminal's current mode (struct termios), to restore later with {@link #setMode}. */
    public static byte[] mode(int fd) {
        byte[] termios = new byte[TERMIOS_SIZE];
        try {
            LibCProcess.tcgetattr(fd, termios);
        } catch (LastErrorException e) {
            throw LinuxException.of("tcgetattr", "fd " + fd, e);
        }
        return termios;
    }

    /** Raw mode (cfmakeraw): no echo, no line editing, no signals from keys; bytes pass as typed. */
    public static void makeRaw(int fd) {
        byte[] termios = mode(fd);
        LibCProcess.cfmakeraw(termios);
        setMode(fd, termios);
    }

    public static void setMode(int fd, byte[] termios) {
        try {
            LibCProcess.tcsetattr(fd, TCSANOW, termios);
        } catch (LastErrorException e) {
            throw LinuxException.of("tcsetattr", "fd " + fd, e);
        }
    }

    private static int littleEndianInt(byte[] bytes, int offset) {
        return (bytes[offset] & 0xff) | (bytes[offset + 1] & 0xff) << 8 | (bytes[offset + 2] & 0xff) << 16
                | (bytes[offset + 3] & 0xff) << 24;
    }
}
