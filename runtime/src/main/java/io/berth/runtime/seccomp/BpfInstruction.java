package io.berth.runtime.seccomp;

/** One classic BPF instruction (struct sock_filter): opcode, jump offsets if true/false, operand. */
public record BpfInstruction(int code, int jt, int jf, int k) {
    public BpfInstruction {
        if (code < 0 || code > 0xffff || jt < 0 || jt > 0xff || jf < 0 || jf > 0xff) {
            throw new IllegalArgumentException("BPF instruction out of range: " + code + " " + jt + " " + jf);
        }
    }

    /** 16 hex digits: code 4, jt 2, jf 2, k 8 (as berth-init's seccomp-load.c reads them). */
    String hex() {
        return String.format("%04x%02x%02x%08x", code, jt, jf, k);
    }
}
