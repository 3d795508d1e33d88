package io.berth.runtime.seccomp;

import io.berth.runtime.seccomp.BpfAssembler.Label;
import io.berth.runtime.seccomp.SeccompProfile.Argument;

/**
 * One argument condition as BPF on 64-bit values: classic BPF loads 32 bits, so the high word
 * (offset + 4 on these little-endian architectures) decides first, the low word when they are equal.
 * On a failed condition it jumps to {@code fail}; on success it falls through.
 */
final class ArgumentCheck {
    private ArgumentCheck() {
    }

    static void emit(BpfAssembler bpf, Argument arg, int offset, Label fail) {
        long value = arg.value();
        int high = (int) (value >>> 32);
        int low = (int) value;
        Label pass = new Label();
        Label next = BpfAssembler.NEXT;
        switch (arg.op()) {
            case "SCMP_CMP_EQ" -> {
                bpf.load(offset + 4);
                bpf.jump(BpfAssembler.JEQ_K, high, next, fail);
                bpf.load(offset);
                bpf.jump(BpfAssembler.JEQ_K, low, next, fail);
            }
            case "SCMP_CMP_NE" -> {
                bpf.load(offset + 4);
                bpf.jump(BpfAssembler.JEQ_K, high, next, pass);
                bpf.load(offset);
                bpf.jump(BpfAssembler.JEQ_K, low, fail, next);
            }
            case "SCMP_CMP_MASKED_EQ" -> {
                long datum = arg.valueTwo();
                bpf.load(offset + 4);
                bpf.and(high);
                bpf.jump(BpfAssembler.JEQ_K, (int) (datum >>> 32), next, fail);
                bpf.load(offset);
                bpf.and(low);
                bpf.jump(BpfAssembler.JEQ_K, (int) datum, next, fail);
            }
            case "SCMP_CMP_GT", "SCMP_CMP_GE" -> {
                bpf.load(offset + 4);
                bpf.jump(BpfAssembler.JGT_K, high, pass, next);
                bpf.jump(BpfAssembler.JEQ_K, high, next, fail);
                bpf.load(offset);
                bpf.jump(arg.op().equals("SCMP_CMP_GT") ? BpfAssembler.JGT_K : BpfAssembler.JGE_K, low, next, fail);
            }
            case "SCMP_CMP_LT", "SCMP_CMP_LE" -> {
                bpf.load(offset + 4);
                bpf.jump(BpfAssembler.JGT_K, high, fail, next);
                bpf.jump(BpfAssembler.JEQ_K, high, next, pass);
                bpf.load(offset);
                // LT is "not GE", LE is "not GT"
                bpf.jump(arg.op().equals("SCMP_CMP_LT") ? BpfAssembler.JGE_K : BpfAssembler.JGT_K, low, fail, next);
            }
            default -> throw new IllegalArgumentException("argument op " + arg.op() + " is not supported (SCMP_CMP_EQ,"
                    + " SCMP_CMP_NE, SCMP_CMP_LT, SCMP_CMP_LE, SCMP_CMP_GT, SCMP_CMP_GE, SCMP_CMP_MASKED_EQ)");
        }
        bpf.place(pass);
    }
}
