package dev.formation.plugin;

import dev.formation.plugin.api.FieldFormat;
import dev.formation.plugin.api.FieldFormatFactory;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/** The field formats provided by plugins on the class path, by name. */
@Singleton
public class PluginRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(PluginRegistry.class);

    private final Map<String, FieldFormat> formats = new TreeMap<>();

    public PluginRegistry() {
        for (FieldFormatFactory factory : ServiceLoader.load(FieldFormatFactory.class)) {
            FieldFormat format = factory.create();
            if (!factory.id().equals(format.name())) {
                throw new IllegalStateException("plugin " + factory.getClass().getName() + " declares format '"
                        + factory.id() + "' but creates '" + format.name() + "'");
            }
            FieldFormat previous = formats.putIfAbsent(format.name(), format);
            if (previous != null) {
                throw new IllegalStateException("two plugins provide the format '" + format.name() + "': "
                        + previous.getClass().getName() + " and " + format.getClass().getName());
            }
        }
        LOG.info("Field formats from plugins: {}", formats.keySet());
    }

    public Optional<FieldFormat> format(String name) {
        return Optional.ofNullable(formats.get(name));
    }

    public Set<String> formatNames() {
        return formats.keySet();
    }
}
