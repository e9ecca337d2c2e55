package dev.formation.plugins.notify.wecom;

import dev.formation.plugin.api.Notifier;
import dev.formation.plugin.api.NotifierFactory;
import java.util.Map;
import java.util.Optional;

/**
 * Registers the {@code wecom} notifier through {@link java.util.ServiceLoader}; the settings
 * are checked here, at start-up, so a webhook without its key shows in the log at once.
 */
public final class WeComNotifierFactory implements NotifierFactory {

    public static final String ID = "wecom";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Optional<Notifier> create(Map<String, String> settings) {
        return WeComSettings.parse(settings).map(WeComNotifier::new);
    }
}
