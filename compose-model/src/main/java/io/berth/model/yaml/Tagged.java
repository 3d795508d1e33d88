package io.berth.model.yaml;

/** A value written with a Compose merge tag: {@code !reset} or {@code !override}. */
public record Tagged(String tag, Object value) {
    public static final String RESET = "!reset";
    public static final String OVERRIDE = "!override";
}
