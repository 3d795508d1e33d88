package io.berth.cli.server;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What berth-client sends: NUL-terminated strings, in this order: protocol version, argument count,
 * the arguments, environment entry count, the entries ("NAME=value"), the working directory.
 */
record Request(String version, List<String> args, Map<String, String> environment, Path workingDirectory) {
    static Request parse(byte[] payload) {
        List<String> fields = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < payload.length; i++) {
            if (payload[i] == 0) {
                fields.add(new String(payload, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        try {
            int index = 0;
            String version = fields.get(index++);
            int argumentCount = Integer.parseInt(fields.get(index++));
            List<String> args = List.copyOf(fields.subList(index, index + argumentCount));
            index += argumentCount;
            int environmentCount = Integer.parseInt(fields.get(index++));
            Map<String, String> environment = new LinkedHashMap<>();
            for (String entry : fields.subList(index, index + environmentCount)) {
                int equals = entry.indexOf('=');
                if (equals > 0) {
                    environment.putIfAbsent(entry.substring(0, equals), entry.substring(equals + 1));
                }
            }
            index += environmentCount;
            return new Request(version, args, java.util.Collections.unmodifiableMap(environment),
                    Path.of(fields.get(index)));
        } catch (IndexOutOfBoundsException | NumberFormatException e) {
            throw new IllegalArgumentException("malformed request from berth-client (" + payload.length + " bytes)", e);
        }
    }
}
