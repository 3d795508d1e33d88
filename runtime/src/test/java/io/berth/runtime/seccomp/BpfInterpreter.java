package io.berth.runtime.seccomp;

/** Runs a seccomp program on one struct seccomp_data, as the kernel would (the few opcodes used). */
final class BpfInterpreter {
    private BpfInterpreter() {
    }

    static int run(SeccompProgram program, int arch, int nr, long... args) {
        byte[] data = new byte[64];
        putInt(data, 0, nr);
        putInt(data, 4, arch);
        for (int i = 0; i < args.length; i++) {
            putInt(data, 16 + 8 * i, (int) args[i]);
            putInt(data, 20 + 8 * i, (int) (args[i] >>> 32));
        }
        int a = 0;
        int pc = 0;
        for (int steps = 0; steps < 100_000; steps++) {
            BpfInstruction in = program.instructions().get(pc);
            switch (in.code()) {
                case BpfAssembler.LD_W_ABS -> {
                    a = getInt(data, in.k());
                    pc++;
                }
                case BpfAssembler.ALU_AND_K -> {
                    a &= in.k();
                    pc++;
                }
                case BpfAssembler.JMP_JA -> pc += 1 + in.k();
                case BpfAssembler.JEQ_K -> pc += 1 + (a == in.k() ? in.jt() : in.jf());
                case BpfAssembler.JGT_K -> pc += 1 + (Integer.compareUnsigned(a, in.k()) > 0 ? in.jt() : in.jf());
                case BpfAssembler.JGE_K -> pc += 1 + (Integer.compareUnsigned(a, in.k()) >= 0 ? in.jt() : in.jf());
                case BpfAssembler.RET_K -> {
                    return in.k();
                }
                default -> throw new IllegalStateException("opcode " + in.code());
            }
        }
        throw new IllegalStateException("no ret");
    }

    private static void putInt(byte[] data, int offset, int value) {
        for (int i = 0; i < 4; i++) {
            data[offset + i] = (byte) (value >>> (8 * i));
        }
    }

    private static int getInt(byte[] data, int offset) {
        int value = 0;
        for (int i = 0; i < 4; i++) {
            value |= (data[offset + i] & 0xff) << (8 * i);
        }
        return value;
    }
}
