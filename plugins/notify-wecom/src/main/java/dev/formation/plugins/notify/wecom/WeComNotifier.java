package dev.formation.plugins.notify.wecom;

import dev.formation.plugin.api.Notification;
import dev.formation.plugin.api.Notifier;
import dev.formation.plugin.api.NotifierException;
import dev.formation.plugins.notify.robot.RobotMarkdown;
import dev.formation.plugins.notify.robot.RobotWebhook;
import java.util.Map;

/**
 * Posts each notification to the group as {@code {"msgtype":"markdown","markdown":{"content"}}}.
 * One request per notification, nothing kept between them: the engine's outbox retries a failure.
 */
public final class WeComNotifier implements Notifier {

    public static final String CHANNEL = "wecom";
    /** WeCom refuses markdown content over 4,096 bytes of UTF-8 (errcode 40058). */
    static final int MAX_CONTENT_BYTES = 4096;

    private final WeComSettings settings;
    private final RobotWebhook webhook;

    WeComNotifier(WeComSettings settings) {
        this.settings = settings;
        this.webhook = new RobotWebhook("WeCom robot", settings.robot().timeout());
    }

    @Override
    public String channel() {
        return CHANNEL;
    }

    @Override
    public void send(Notification notification) throws NotifierException {
        String json = RobotWebhook.json(Map.of("msgtype", "markdown", "markdown", Map.of(
                "content", RobotMarkdown.text(notification, "\n", MAX_CONTENT_BYTES))));
        webhook.post(settings.robot().webhook(), json);
    }
}
