package io.berth.runtime.build.plan;

import java.util.ArrayList;
import java.util.List;

/** "KEY=value" lists as image configs hold them. */
final class Env {
    private Env() {
    }

    static String get(List<String> env, String name) {
        for (String entry : env) {
            int equals = entry.indexOf('=');
            String key = equals < 0 ? entry : entry.substring(0, equals);
            if (key.equals(name)) {
                return equals < 0 ? "" : entry.substring(equals + 1);
            }
        }
        return null;
    }

    /** {@code env} with {@code name} set: replaced in place, or appended. */
    static List<String> with(List<String> env, String name, String value) {
        List<String> result = new ArrayList<>(env);
        for (int i = 0; i < result.size(); i++) {
            String entry = result.get(i);
            int equals = entry.indexOf('=');
            if ((equals < 0 ? entry : entry.substring(0, equals)).equals(name)) {
                result.set(i, name + "=" + value);
                return result;
            }
        }
        result.add(name + "=" + value);
        return result;
    }
}
