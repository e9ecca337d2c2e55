package dev.formation.plugins.notify.dingtalk;

import dev.formation.plugin.api.Notifier;
import dev.formation.plugin.api.NotifierFactory;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Registers the {@code dingtalk} notifier through {@link java.util.ServiceLoader}; the settings
 * are checked here, at start-up, so a wrong webhook shows in the log at once.
 */
public final class DingTalkNotifierFactory implements NotifierFactory {

    public static final String ID = "dingtalk";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Optional<Notifier> create(Map<String, String> settings) {
        // the wall clock on purpose: the signature's timestamp is checked by DingTalk against real time
        return DingTalkSettings.parse(settings).map(s -> new DingTalkNotifier(s, Clock.systemUTC()));
    }
}
