package io.berth.engine.kubernetes;

/** Kubernetes quantities: memory in the largest exact binary unit, CPUs as cores or millicores. */
final class Quantities {
    private Quantities() {
    }

    static String memory(long bytes) {
        String[] units = {"Ei", "Pi", "Ti", "Gi", "Mi", "Ki"};
        for (int i = 0; i < units.length; i++) {
            long unit = 1L << (10 * (units.length - i));
            if (bytes >= unit && bytes % unit == 0) {
                return bytes / unit + units[i];
            }
        }
        return Long.toString(bytes);
    }

    static String cpu(double cores) {
        long millis = Math.round(cores * 1000);
        return millis % 1000 == 0 ? Long.toString(millis / 1000) : millis + "m";
    }
}
