package dev.formation.plugins.notify.robot;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The settings every robot has, under {@code formation.notifiers.<id>.}: {@code webhook} (the
 * robot's address, as the chat app shows it when the robot is added to a group) and
 * {@code timeout-ms}. Errors name the full setting, which is what an administrator greps for.
 *
 * @param prefix  e.g. {@code formation.notifiers.dingtalk.}
 * @param webhook the robot's address, with its query (the access token or key) as given
 * @param timeout how long to wait for the connection and for the answer
 */
public record RobotSettings(String prefix, URI webhook, Duration timeout) {

    public static final int DEFAULT_TIMEOUT_MS = 10_000;

    /** Empty when no webhook is set: the robot stays off until someone adds one. */
    public static Optional<RobotSettings> parse(String prefix, Map<String, String> settings) {
        Map<String, String> s = settings == null ? Map.of() : settings;
        String text = blankToNull(s.get("webhook"));
        if (text == null) {
            return Optional.empty();
        }
        URI webhook;
        try {
            webhook = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(prefix + "webhook is not a URL: " + e.getReason());
        }
        String scheme = webhook.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"))
                || webhook.getHost() == null) {
            throw new IllegalArgumentException(prefix + "webhook must be an absolute http(s) URL, not '"
                    + RobotWebhook.where(webhook) + "'");
        }
        if (webhook.getRawFragment() != null) {
            throw new IllegalArgumentException(prefix + "webhook must not have a #fragment");
        }
        return Optional.of(new RobotSettings(prefix, webhook, Duration.ofMillis(timeoutMs(prefix, s))));
    }

    /** The value of a query parameter of the webhook, decoded, or null. */
    public String queryParameter(String name) {
        String query = webhook.getRawQuery();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (key.equals(name)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static int timeoutMs(String prefix, Map<String, String> s) {
        String text = blankToNull(s.get("timeout-ms"));
        if (text == null) {
            return DEFAULT_TIMEOUT_MS;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, with the setting's name
        }
        throw new IllegalArgumentException(prefix + "timeout-ms must be a whole number of milliseconds from 1, not '"
                + text + "'");
    }

    public static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** The webhook's query holds the robot's credential: never printed. */
    @Override
    public String toString() {
        return "RobotSettings[webhook=" + RobotWebhook.where(webhook) + ", timeout=" + timeout + "]";
    }
}
