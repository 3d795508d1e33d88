package io.berth.runtime.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Device access rules on cgroup v2, which has no devices controller: a small eBPF program of type
 * BPF_PROG_TYPE_CGROUP_DEVICE attached to the container's cgroup (as runc does). It allows making
 * any node (mknod) but opening only the listed character devices; everything else is refused.
 */
public final class DeviceFilter {
    /** A character device; minor -1 matches every minor. */
    public record CharDevice(int major, int minor) {
    }

    /** Docker's defaults: null, zero, full, random, urandom, tty, console, ptmx, pts/*, net/tun. */
    public static final List<CharDevice> DOCKER_DEFAULTS = List.of(new CharDevice(1, 3), new CharDevice(1, 5),
            new CharDevice(1, 7), new CharDevice(1, 8), new CharDevice(1, 9), new CharDevice(5, 0), new CharDevice(5, 1),
            new CharDevice(5, 2), new CharDevice(136, -1), new CharDevice(10, 200));

    private static final int BPF_PROG_LOAD = 5;
    private static final int BPF_PROG_ATTACH = 8;
    private static final int BPF_PROG_TYPE_CGROUP_DEVICE = 15;
    private static final int BPF_CGROUP_DEVICE = 6;
    private static final int BPF_F_ALLOW_MULTI = 2;
    private static final int DEVICE_TYPE_CHAR = 2;

    private DeviceFilter() {
    }

    /** Loads the filter and attaches it to the cgroup v2 directory {@code cgroupDirectory}. */
    public static void attach(String cgroupDirectory, List<CharDevice> allowed) {
        byte[] program = program(allowed);
        Memory instructions = new Memory(program.length);
        instructions.write(0, program, 0, program.length);
        Memory license = new Memory(8);
        license.setString(0, "GPL");
        Memory load = new Memory(128);
        load.clear();
        load.setInt(0, BPF_PROG_TYPE_CGROUP_DEVICE);
        load.setInt(4, program.length / 8);
        load.setPointer(8, instructions);
        load.setPointer(16, license);
        int programFd;
        try {
            programFd = (int) LibC.syscall(Syscalls.BPF, BPF_PROG_LOAD, load, 128);
        } catch (LastErrorException e) {
            throw LinuxException.of("bpf", "BPF_PROG_LOAD device filter for " + cgroupDirectory, e);
        }
        int cgroupFd = -1;
        try {
            cgroupFd = FdCalls.open(cgroupDirectory, FdCalls.O_RDONLY | FdCalls.O_DIRECTORY, 0);
            Memory attach = new Memory(128);
            attach.clear();
            attach.setInt(0, cgroupFd);
            attach.setInt(4, programFd);
            attach.setInt(8, BPF_CGROUP_DEVICE);
            attach.setInt(12, BPF_F_ALLOW_MULTI);
            LibC.syscall(Syscalls.BPF, BPF_PROG_ATTACH, attach, 128);
        } catch (LastErrorException e) {
            throw LinuxException.of("bpf", "BPF_PROG_ATTACH device filter to " + cgroupDirectory, e);
        } finally {
            FdCalls.closeQuietly(cgroupFd);
            FdCalls.closeQuietly(programFd); // the attachment keeps the program alive with the cgroup
        }
    }

    /**
     * The program, on struct bpf_cgroup_dev_ctx {u32 access_type (access << 16 | type); u32 major;
     * u32 minor}: returns 1 (allow) or 0 (deny).
     */
    static byte[] program(List<CharDevice> allowed) {
        Assembler code = new Assembler();
        code.load(2, 1, 0);                 // r2 = access_type
        code.move(3, 2);                    // r3 = r2
        code.andImmediate(3, 0xffff);       // r3 = device type
        code.shiftRight(2, 16);             // r2 = access
        code.load(4, 1, 4);                 // r4 = major
        code.load(5, 1, 8);                 // r5 = minor
        code.andImmediate(2, ~1);           // access other than mknod?
        // layout: 7 mknod check, 8 type check, 9.. two instructions per rule, then deny (2), allow (2);
        // a jump at index pc with offset off lands on pc + 1 + off
        int n = allowed.size();
        int deny = 9 + 2 * n;
        int allow = deny + 2;
        code.jumpIfEqual(2, 0, allow - 8);                 // at 7: mknod only: allow
        code.jumpIfNotEqual(3, DEVICE_TYPE_CHAR, deny - 9); // at 8: not a character device: deny
        for (int i = 0; i < n; i++) {
            CharDevice device = allowed.get(i);
            int first = 9 + 2 * i;
            if (device.minor() < 0) {
                code.jumpIfEqual(4, device.major(), allow - (first + 1));
                code.jumpIfEqual(4, device.major(), allow - (first + 2)); // padding: every rule is two long
            } else {
                code.jumpIfNotEqual(4, device.major(), 1);
                code.jumpIfEqual(5, device.minor(), allow - (first + 2));
            }
        }
        code.moveImmediate(0, 0);           // deny
        code.exit();
        code.moveImmediate(0, 1);           // allow
        code.exit();
        return code.bytes();
    }

    /** Just the eBPF instructions the filter needs, little-endian. */
    private static final class Assembler {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        void load(int dst, int src, int offset) {
            emit(0x61, dst, src, offset, 0); // BPF_LDX | BPF_MEM | BPF_W
        }

        void move(int dst, int src) {
            emit(0xbf, dst, src, 0, 0); // BPF_ALU64 | BPF_MOV | BPF_X
        }

        void moveImmediate(int dst, int value) {
            emit(0xb7, dst, 0, 0, value); // BPF_ALU64 | BPF_MOV | BPF_K
        }

        void andImmediate(int dst, int value) {
            emit(0x57, dst, 0, 0, value); // BPF_ALU64 | BPF_AND | BPF_K
        }

        void shiftRight(int dst, int bits) {
            emit(0x77, dst, 0, 0, bits); // BPF_ALU64 | BPF_RSH | BPF_K
        }

        void jumpIfEqual(int dst, int value, int skip) {
            emit(0x15, dst, 0, skip, value); // BPF_JMP | BPF_JEQ | BPF_K
        }

        void jumpIfNotEqual(int dst, int value, int skip) {
            emit(0x55, dst, 0, skip, value); // BPF_JMP | BPF_JNE | BPF_K
        }

        void exit() {
            emit(0x95, 0, 0, 0, 0);
        }

        private void emit(int opcode, int dst, int src, int offset, int immediate) {
            ByteBuffer instruction = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            instruction.put((byte) opcode).put((byte) ((src << 4) | dst)).putShort((short) offset).putInt(immediate);
            out.writeBytes(instruction.array());
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
