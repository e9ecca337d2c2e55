package dev.formation.plugin.api;

import java.util.Map;
import java.util.Optional;

/**
 * Discovered with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.formation.plugin.api.NotifierFactory}). The engine passes the
 * settings found under {@code formation.notifiers.<id>} (flattened, e.g. {@code host},
 * {@code port}) and uses the notifier if one is created.
 */
public interface NotifierFactory {

    /** The key of this notifier's settings, e.g. {@code "smtp"}. */
    String id();

    /**
     * Creates the notifier from its settings, or returns empty when the settings do not
     * configure it (e.g. no host): a notifier nobody set up stays off.
     *
     * @throws IllegalArgumentException when the settings are present but wrong (a bad port),
     *                                  with a message naming the setting
     */
    Optional<Notifier> create(Map<String, String> settings);
}
