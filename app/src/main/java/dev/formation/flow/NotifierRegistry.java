package dev.formation.flow;

import dev.formation.plugin.PluginSettings;
import dev.formation.plugin.api.Notifier;
import dev.formation.plugin.api.NotifierFactory;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The notifiers plugins provide (ServiceLoader), each created from its settings under
 * {@code formation.notifiers.<id>} (system properties, configuration or environment variables such
 * as {@code FORMATION_NOTIFIERS_SMTP_HOST}); one that its settings do not configure stays off.
 */
@Singleton
public class NotifierRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(NotifierRegistry.class);

    private final List<Notifier> notifiers = new ArrayList<>();

    public NotifierRegistry(Environment environment) {
        for (NotifierFactory factory : ServiceLoader.load(NotifierFactory.class)) {
            Map<String, String> settings = PluginSettings.under(environment, "formation.notifiers." + factory.id());
            factory.create(settings).ifPresent(notifiers::add);
        }
        LOG.info("Notifiers on: {}", notifiers.stream().map(Notifier::channel).toList());
    }

    public boolean active() {
        return !notifiers.isEmpty();
    }

    public List<Notifier> notifiers() {
        return notifiers;
    }
}
