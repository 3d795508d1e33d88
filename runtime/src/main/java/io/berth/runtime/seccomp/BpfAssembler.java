package io.berth.runtime.seccomp;

import java.util.ArrayList;
import java.util.List;

/**
 * Classic BPF with forward labels: jumps name a {@link Label} placed later; {@link #program()}
 * turns them into the 8-bit offsets of struct sock_filter (refused beyond 255, which the
 * compiler's short blocks never reach).
 */
final class BpfAssembler {
    // linux/bpf_common.h
    static final int LD_W_ABS = 0x20;
    static final int ALU_AND_K = 0x54;
    static final int JMP_JA = 0x05;
    static final int JEQ_K = 0x15;
    static final int JGT_K = 0x25;
    static final int JGE_K = 0x35;
    static final int RET_K = 0x06;

    /** A position in the program, placed once. */
    static final class Label {
        private int position = -1;
    }

    /** The next instruction: for jumps that fall through. */
    static final Label NEXT = new Label();

    private record Pending(int code, Label whenTrue, Label whenFalse, int k) {
    }

    private final List<Pending> pending = new ArrayList<>();

    void load(int offset) {
        pending.add(new Pending(LD_W_ABS, NEXT, NEXT, offset));
    }

    void and(int mask) {
        pending.add(new Pending(ALU_AND_K, NEXT, NEXT, mask));
    }

    void jump(int code, int k, Label whenTrue, Label whenFalse) {
        pending.add(new Pending(code, whenTrue, whenFalse, k));
    }

    void jumpAlways(Label target) {
        pending.add(new Pending(JMP_JA, target, NEXT, 0));
    }

    void ret(int action) {
        pending.add(new Pending(RET_K, NEXT, NEXT, action));
    }

    void place(Label label) {
        if (label.position >= 0) {
            throw new IllegalStateException("label placed twice");
        }
        label.position = pending.size();
    }

    SeccompProgram program() {
        List<BpfInstruction> instructions = new ArrayList<>();
        for (int i = 0; i < pending.size(); i++) {
            Pending p = pending.get(i);
            if (p.code() == JMP_JA) {
                instructions.add(new BpfInstruction(p.code(), 0, 0, offset(i, p.whenTrue(), Integer.MAX_VALUE)));
            } else {
                instructions.add(new BpfInstruction(p.code(), offset(i, p.whenTrue(), 255),
                        offset(i, p.whenFalse(), 255), p.k()));
            }
        }
        return new SeccompProgram(instructions);
    }

    private static int offset(int from, Label to, int limit) {
        if (to == NEXT) {
            return 0;
        }
        if (to.position < 0) {
            throw new IllegalStateException("jump to a label never placed");
        }
        int offset = to.position - from - 1;
        if (offset < 0 || offset > limit) {
            throw new IllegalStateException("BPF jump of " + offset + " from " + from);
        }
        return offset;
    }
}
