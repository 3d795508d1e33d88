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
 * any node (mknod) but opening only the listed character devices and what the extra rules allow;
 * everything else is refused.
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
    private static final int DEVICE_TYPE_BLOCK = 1;
    private static final int DEVICE_TYPE_CHAR = 2;
    private static final int ACCESS_MKNOD = 1;
    private static final int ACCESS_READ = 2;
    private static final int ACCESS_WRITE = 4;
    private static final int ALL_ACCESS = 7;

    private DeviceFilter() {
    }

    /** Loads the filter and attaches it to the cgroup v2 directory {@code cgroupDirectory}. */
    public static void attach(String cgroupDirectory, List<CharDevice> allowed) {
        attach(cgroupDirectory, allowed, List.of());
    }

    /** As {@link #attach(String, List)}, also allowing {@code rules} (devices:, device_cgroup_rules). */
    public static void attach(String cgroupDirectory, List<CharDevice> allowed, List<Rule> rules) {
        byte[] program = programWith(allowed, rules);
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
     * u32 minor}: returns 1 (allow) when a rule matches, else 0 (deny). Docker's defaults first:
     * mknod of any character or block device, then the listed character devices with rwm, then
     * {@code rules}.
     */
    static byte[] programWith(List<CharDevice> defaults, List<Rule> rules) {
        List<Rule> all = new java.util.ArrayList<>();
        all.add(new Rule('c', -1, -1, "m"));
        all.add(new Rule('b', -1, -1, "m"));
        defaults.forEach(device -> all.add(new Rule('c', device.major(), device.minor(), "rwm")));
        all.addAll(rules);
        return compile(all);
    }

    /**
     * A device rule as devices.allow writes it: type 'a' (any), 'b' or 'c'; major and minor -1
     * for any; access some of "rwm".
     */
    public record Rule(char type, int major, int minor, String access) {
        int typeCode() {
            return type == 'b' ? DEVICE_TYPE_BLOCK : type == 'c' ? DEVICE_TYPE_CHAR : 0;
        }

        int accessMask() {
            return (access.contains("m") ? ACCESS_MKNOD : 0) | (access.contains("r") ? ACCESS_READ : 0)
                    | (access.contains("w") ? ACCESS_WRITE : 0);
        }

        boolean matchesEverything() {
            return typeCode() == 0 && major < 0 && minor < 0 && accessMask() == ALL_ACCESS;
        }

        /** Instructions of this rule's block: one per condition, the access test, the jump to allow. */
        int length() {
            return (typeCode() != 0 ? 1 : 0) + (major >= 0 ? 1 : 0) + (minor >= 0 ? 1 : 0)
                    + (accessMask() == ALL_ACCESS ? 0 : 3) + 1;
        }
    }

    private static byte[] compile(List<Rule> rules) {
        Assembler code = new Assembler();
        if (rules.stream().anyMatch(Rule::matchesEverything)) {
            // "a *:* rwm": allow all (the verifier refuses the deny code a jump over it would leave unreachable)
            code.moveImmediate(0, 1);
            code.exit();
            return code.bytes();
        }
        code.load(2, 1, 0);                 // r2 = access_type
        code.move(3, 2);                    // r3 = r2
        code.andImmediate(3, 0xffff);       // r3 = device type
        code.shiftRight(2, 16);             // r2 = access
        code.load(4, 1, 4);                 // r4 = major
        code.load(5, 1, 8);                 // r5 = minor
        // a jump at index pc with offset off lands on pc + 1 + off; each rule's block falls through
        // to the next when a condition fails, and jumps to allow when all hold
        int pc = 6;
        int deny = pc + rules.stream().mapToInt(Rule::length).sum();
        int allow = deny + 2;
        for (Rule rule : rules) {
            int next = pc + rule.length();
            if (rule.typeCode() != 0) {
                code.jumpIfNotEqual(3, rule.typeCode(), next - (pc + 1));
                pc++;
            }
            if (rule.major() >= 0) {
                code.jumpIfNotEqual(4, rule.major(), next - (pc + 1));
                pc++;
            }
            if (rule.minor() >= 0) {
                code.jumpIfNotEqual(5, rule.minor(), next - (pc + 1));
                pc++;
            }
            if (rule.accessMask() != ALL_ACCESS) {
                code.move(6, 2);                              // r6 = access asked
                code.andImmediate(6, ~rule.accessMask());     // beyond what the rule allows?
                code.jumpIfNotEqual(6, 0, next - (pc + 3));
                pc += 3;
            }
            code.jump(allow - (pc + 1));
            pc++;
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

        void jump(int skip) {
            emit(0x05, 0, 0, skip, 0); // BPF_JMP | BPF_JA
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
