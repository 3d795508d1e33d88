package io.berth.engine.kubernetes;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an API server would reject, checked on the finished objects: object, container, volume and
 * port names; label keys and values; annotation keys; storage sizes; a workload pod's restart policy.
 * The converter makes every name valid, so a problem here is a converter bug or an input that cannot
 * be carried over; either way nothing is written.
 */
final class Checks {
    private static final Pattern NAME_PART = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");
    private static final Pattern SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern QUANTITY = Pattern.compile("[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E)?");

    private Checks() {
    }

    /** A label or annotation key: {@code [prefix/]name}, the prefix a DNS subdomain. */
    static boolean isQualifiedName(String key) {
        int slash = key.indexOf('/');
        String name = slash < 0 ? key : key.substring(slash + 1);
        if (slash >= 0) {
            String prefix = key.substring(0, slash);
            if (prefix.isEmpty() || prefix.length() > 253 || !SUBDOMAIN.matcher(prefix).matches()) {
                return false;
            }
        }
        return !name.isEmpty() && name.length() <= 63 && NAME_PART.matcher(name).matches();
    }

    static boolean isQuantity(String text) {
        return QUANTITY.matcher(text).matches();
    }

    static void check(List<KubernetesObject> objects, Warnings warnings) {
        for (KubernetesObject object : objects) {
            String at = object.kind() + " " + object.name();
            if (!Names.isLabel(object.name())) {
                warnings.problem(at, "name is not a DNS-1123 label");
            }
            walk(object.body(), "", at, warnings);
        }
    }

    @SuppressWarnings("unchecked")
    private static void walk(Object value, String key, String at, Warnings warnings) {
        if (value instanceof Map<?, ?> map) {
            switch (key) {
                case "labels", "matchLabels" -> map.forEach((k, v) -> {
                    if (!isQualifiedName(String.valueOf(k)) || !Names.isLabelValue(String.valueOf(v))) {
                        warnings.problem(at, "label " + k + "=" + v + " is not valid");
                    }
                });
                case "annotations" -> map.keySet().forEach(k -> {
                    if (!isQualifiedName(String.valueOf(k))) {
                        warnings.problem(at, "annotation key " + k + " is not valid");
                    }
                });
                case "requests", "limits" -> map.forEach((k, v) -> {
                    if (!isQuantity(String.valueOf(v))) {
                        warnings.problem(at, key + "." + k + ": " + v + " is not a quantity");
                    }
                });
                default -> {
                }
            }
            if (map.containsKey("restartPolicy") && !"Always".equals(map.get("restartPolicy"))) {
                warnings.problem(at, "restartPolicy must be Always for a workload's pods");
            }
            map.forEach((k, v) -> walk(v, String.valueOf(k), at, warnings));
        } else if (value instanceof List<?> list) {
            Set<String> names = new HashSet<>();
            for (Object item : list) {
                if (item instanceof Map<?, ?> entry && entry.get("name") instanceof String name) {
                    if (!names.add(name)) {
                        warnings.problem(at, key + ": the name " + name + " is used twice");
                    }
                    boolean port = key.equals("ports");
                    if (port ? !Names.isPortName(name) : (key.endsWith("ontainers") || key.equals("volumes"))
                            && !Names.isLabel(name)) {
                        warnings.problem(at, key + ": " + name + " is not a valid " + (port ? "port" : "") + " name");
                    }
                }
                walk(item, key, at, warnings);
            }
        }
    }
}
