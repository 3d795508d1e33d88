package io.berth.runtime.build.dockerfile;

/**
 * One {@code --name=value} flag of an instruction, as written (no substitution). A flag given
 * without a value ({@code --link}) has value {@code null}.
 */
public record Flag(String name, String value, SourcePosition position) {
    /** The flag as written, e.g. {@code --from=build}. */
    public String text() {
        return value == null ? "--" + name : "--" + name + "=" + value;
    }
}
