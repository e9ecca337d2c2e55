package dev.formation.plugin;

import dev.formation.plugin.api.FieldFormat;
import dev.formation.plugin.api.FieldFormatFactory;
import dev.formation.plugin.api.RecordHook;
import dev.formation.plugin.api.RecordHookFactory;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/** What plugins on the class path provide: field formats by name, record hooks in the order of their ids. */
@Singleton
public class PluginRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(PluginRegistry.class);

    private final Map<String, FieldFormat> formats = new TreeMap<>();
    private final Map<String, RecordHook> recordHooks = new TreeMap<>();

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
        for (RecordHookFactory factory : ServiceLoader.load(RecordHookFactory.class)) {
            if (recordHooks.putIfAbsent(factory.id(), factory.create()) != null) {
                throw new IllegalStateException("two plugins provide the record hook '" + factory.id() + "'");
            }
        }
        LOG.info("Record hooks from plugins: {}", recordHooks.keySet());
    }

    public List<RecordHook> recordHooks() {
        return List.copyOf(recordHooks.values());
    }

    public Optional<FieldFormat> format(String name) {
        return Optional.ofNullable(formats.get(name));
    }

    public Set<String> formatNames() {
        return formats.keySet();
    }
}
