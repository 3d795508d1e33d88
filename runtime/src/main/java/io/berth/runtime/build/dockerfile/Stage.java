package io.berth.runtime.build.dockerfile;

import java.util.List;

/**
 * One build stage: its FROM and the instructions up to the next FROM.
 *
 * @param index        0-based, in file order (what {@code COPY --from=0} names)
 * @param name         the {@code AS name} in lower case, or null
 * @param from         the FROM instruction itself
 * @param baseName     the FROM image word as written (unsubstituted), e.g. {@code golang:${GO}}
 * @param platform     the {@code --platform} flag's value as written, or null
 * @param instructions the instructions after FROM, in order
 */
public record Stage(int index, String name, Instruction from, String baseName, String platform,
                    List<Instruction> instructions) {
    public Stage {
        instructions = List.copyOf(instructions);
    }

    /** The name to show: the AS name, else the index. */
    public String displayName() {
        return name != null ? name : String.valueOf(index);
    }
}
