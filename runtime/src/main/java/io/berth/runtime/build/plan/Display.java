package io.berth.runtime.build.plan;

import io.berth.runtime.build.dockerfile.Flag;
import io.berth.runtime.build.dockerfile.Instruction;

/** An instruction's text as written on one line (keyword, flags, arguments), for progress and --explain. */
final class Display {
    private Display() {
    }

    static String of(Instruction instruction) {
        StringBuilder text = new StringBuilder(instruction.keyword());
        for (Flag flag : instruction.flags()) {
            text.append(' ').append(flag.text());
        }
        if (!instruction.arguments().isEmpty()) {
            text.append(' ').append(instruction.arguments());
        }
        return text.toString();
    }
}
