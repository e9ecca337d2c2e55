package dev.formation.plugins.notify.dingtalk;

import dev.formation.plugin.api.Notification;
import dev.formation.plugin.api.Notifier;
import dev.formation.plugin.api.NotifierException;
import dev.formation.plugins.notify.robot.RobotMarkdown;
import dev.formation.plugins.notify.robot.RobotWebhook;
import java.net.URI;
import java.time.Clock;
import java.util.Map;

/**
 * Posts each notification to the group as {@code {"msgtype":"markdown","markdown":{"title","text"}}};
 * the title is what the chat list and the phone's notification show. One request per
 * notification, nothing kept between them: the engine's outbox retries a failure.
 */
public final class DingTalkNotifier implements Notifier {

    public static final String CHANNEL = "dingtalk";
    /**
     * A guard, not DingTalk's rule (its robot documentation gives no length for markdown): the
     * engine's texts are far shorter (a 300-character subject, a 2,000-character body).
     */
    static final int MAX_TEXT_BYTES = 20_000;

    private final DingTalkSettings settings;
    private final RobotWebhook webhook;
    private final Clock clock;

    /** @param clock the real time (DingTalk checks the signature's timestamp against its own clock) */
    DingTalkNotifier(DingTalkSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.webhook = new RobotWebhook("DingTalk robot", settings.robot().timeout());
    }

    @Override
    public String channel() {
        return CHANNEL;
    }

    @Override
    public void send(Notification notification) throws NotifierException {
        String json = RobotWebhook.json(Map.of("msgtype", "markdown", "markdown", Map.of(
                "title", RobotMarkdown.title(notification),
                "text", RobotMarkdown.text(notification, "\n\n", MAX_TEXT_BYTES))));
        webhook.post(address(), json);
    }

    /** The webhook, signed for this moment when a secret is set. */
    URI address() {
        URI base = settings.robot().webhook();
        if (settings.secret() == null) {
            return base;
        }
        String query = DingTalkSignature.query(clock.millis(), settings.secret());
        return URI.create(base + (base.getRawQuery() == null ? "?" : "&") + query);
    }
}
