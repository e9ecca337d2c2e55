package dev.formation.plugins.notify.dingtalk;

import dev.formation.plugins.notify.robot.RobotSettings;
import java.util.Map;
import java.util.Optional;

/**
 * The settings under {@code formation.notifiers.dingtalk.}: {@code webhook} (the robot's address,
 * {@code https://oapi.dingtalk.com/robot/send?access_token=...}), {@code secret} (the "SEC..."
 * signing secret; needed when the robot's security setting is signing) and {@code timeout-ms}.
 *
 * @param secret null when the robot is secured by keywords or IP addresses instead
 */
record DingTalkSettings(RobotSettings robot, String secret) {

    static final String PREFIX = "formation.notifiers." + DingTalkNotifierFactory.ID + ".";

    static Optional<DingTalkSettings> parse(Map<String, String> settings) {
        Optional<RobotSettings> robot = RobotSettings.parse(PREFIX, settings);
        if (robot.isEmpty()) {
            return Optional.empty();
        }
        String token = robot.get().queryParameter("access_token");
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException(PREFIX + "webhook must carry the robot's access_token"
                    + " (copy the whole address DingTalk shows for the robot)");
        }
        if (robot.get().queryParameter("timestamp") != null || robot.get().queryParameter("sign") != null) {
            throw new IllegalArgumentException(PREFIX + "webhook must not carry timestamp or sign:"
                    + " they are made for each message from " + PREFIX + "secret");
        }
        String secret = RobotSettings.blankToNull(settings.get("secret"));
        return Optional.of(new DingTalkSettings(robot.get(), secret));
    }

    @Override
    public String toString() {
        return "DingTalkSettings[" + robot + ", secret=" + (secret == null ? null : "***") + "]";
    }
}
