package io.berth.engine.kubernetes;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an emitted object back into the Kubernetes API's model (fabric8's) and lists everything that
 * model did not know: fabric8 keeps unknown fields in {@code additionalProperties} instead of failing,
 * so the reader walks the whole object graph and reports each one with its path. Wrong types fail
 * in Jackson itself.
 */
final class StrictKubernetesReader {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    private static final Map<String, Class<? extends KubernetesResource>> KINDS = Map.of(
            "Deployment", Deployment.class, "StatefulSet", StatefulSet.class, "DaemonSet", DaemonSet.class,
            "Service", Service.class, "PersistentVolumeClaim", PersistentVolumeClaim.class, "Secret", Secret.class,
            "ConfigMap", ConfigMap.class, "NetworkPolicy", NetworkPolicy.class);

    private StrictKubernetesReader() {
    }

    /** The unknown fields of the object, as paths; empty when the model knows every field. */
    static List<String> unknownFields(Map<String, Object> body) throws Exception {
        Class<? extends KubernetesResource> type = KINDS.get(String.valueOf(body.get("kind")));
        if (type == null) {
            return List.of("kind " + body.get("kind") + " is not one Berth emits");
        }
        Object model = MAPPER.convertValue(body, type);
        List<String> unknown = new ArrayList<>();
        walk(model, body.get("kind").toString(), unknown, new IdentityHashMap<>());
        return unknown;
    }

    private static void walk(Object value, String path, List<String> unknown, IdentityHashMap<Object, Boolean> seen)
            throws Exception {
        if (value == null || seen.put(value, true) != null) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                walk(item, path + "[" + i++ + "]", unknown, seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> || !value.getClass().getName().startsWith("io.fabric8")) {
            return;
        }
        for (Method method : value.getClass().getMethods()) {
            if (method.getParameterCount() != 0 || !method.getName().startsWith("get")
                    || method.getDeclaringClass() == Object.class) {
                continue;
            }
            Object field = method.invoke(value);
            if (method.getName().equals("getAdditionalProperties")) {
                if (field instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    unknown.add(path + ": " + extra.keySet());
                }
                continue;
            }
            walk(field, path + "." + method.getName().substring(3), unknown, seen);
        }
    }
}
