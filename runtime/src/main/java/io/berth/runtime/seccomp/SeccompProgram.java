package io.berth.runtime.seccomp;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * A seccomp filter compiled to classic BPF, ready for seccomp(SECCOMP_SET_MODE_FILTER). Kept in a
 * container's state (its launch request) as the hex string, about 7 KB for the default policy.
 */
public record SeccompProgram(List<BpfInstruction> instructions) {
    /** The kernel's limit (BPF_MAXINSNS). */
    public static final int MAX_INSTRUCTIONS = 4096;

    public SeccompProgram {
        instructions = List.copyOf(instructions);
        if (instructions.isEmpty() || instructions.size() > MAX_INSTRUCTIONS) {
            throw new IllegalArgumentException("a seccomp program has 1 to " + MAX_INSTRUCTIONS
                    + " instructions, not " + instructions.size());
        }
    }

    /** The form of the init stage's "seccomp" config line and of the state file. */
    @JsonValue
    public String hex() {
        StringBuilder out = new StringBuilder(instructions.size() * 16);
        instructions.forEach(instruction -> out.append(instruction.hex()));
        return out.toString();
    }

    @JsonCreator
    public static SeccompProgram fromHex(String hex) {
        if (hex.length() % 16 != 0) {
            throw new IllegalArgumentException("a seccomp program's hex form has 16 digits per instruction");
        }
        List<BpfInstruction> instructions = new ArrayList<>();
        for (int i = 0; i < hex.length(); i += 16) {
            instructions.add(new BpfInstruction(Integer.parseInt(hex.substring(i, i + 4), 16),
                    Integer.parseInt(hex.substring(i + 4, i + 6), 16), Integer.parseInt(hex.substring(i + 6, i + 8), 16),
                    (int) Long.parseLong(hex.substring(i + 8, i + 16), 16)));
        }
        return new SeccompProgram(instructions);
    }
}
