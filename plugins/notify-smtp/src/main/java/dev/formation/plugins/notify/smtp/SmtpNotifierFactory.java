package dev.formation.plugins.notify.smtp;

import dev.formation.plugin.api.Notifier;
import dev.formation.plugin.api.NotifierFactory;
import java.util.Map;
import java.util.Optional;

/**
 * Registers the {@code smtp} notifier with the engine through {@link java.util.ServiceLoader}.
 * Settings are checked here, at start-up, so a typo in the port or the sender shows up in the
 * log at once instead of as a failed delivery hours later.
 */
public final class SmtpNotifierFactory implements NotifierFactory {

    public static final String ID = "smtp";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Optional<Notifier> create(Map<String, String> settings) {
        return SmtpSettings.parse(settings).map(SmtpNotifier::new);
    }
}
