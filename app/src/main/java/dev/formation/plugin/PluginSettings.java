package dev.formation.plugin;

import io.micronaut.context.env.Environment;
import io.micronaut.core.type.Argument;

import java.util.Map;
import java.util.TreeMap;

/**
 * The settings of one plugin, e.g. everything under {@code formation.notifiers.smtp}, flattened
 * to {@code host}, {@code port}, {@code timeout-ms}.
 *
 * <p>They are read as one sub-tree through Micronaut's property resolution, not by listing the
 * properties that start with the prefix: an environment variable such as
 * {@code FORMATION_NOTIFIERS_SMTP_TIMEOUT_MS} has no single property name (it could mean
 * {@code timeout-ms} or {@code timeout.ms}), so Micronaut keeps it out of prefix listings and
 * only resolves it when a name is asked for, while the sub-tree holds every reading of it. A
 * plugin simply finds the name it looks for, whether the operator set a system property, a
 * configuration file entry or an environment variable.
 */
public final class PluginSettings {

    private PluginSettings() {
    }

    public static Map<String, String> under(Environment environment, String prefix) {
        Map<String, String> out = new TreeMap<>();
        environment.getProperty(prefix, Argument.mapOf(String.class, Object.class))
                .ifPresent(tree -> flatten("", tree, out));
        return out;
    }

    private static void flatten(String path, Map<?, ?> tree, Map<String, String> out) {
        tree.forEach((name, value) -> {
            String key = path.isEmpty() ? String.valueOf(name) : path + "." + name;
            if (value instanceof Map<?, ?> nested) {
                flatten(key, nested, out);
            } else if (value != null) {
                // a dotted reading never hides the dashed one the plugin documents
                out.putIfAbsent(key, String.valueOf(value));
            }
        });
    }
}
