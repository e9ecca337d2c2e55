package dev.formation.plugins.notify.wecom;

import dev.formation.plugins.notify.robot.RobotSettings;
import java.util.Map;
import java.util.Optional;

/**
 * The settings under {@code formation.notifiers.wecom.}: {@code webhook} (the robot's address,
 * {@code https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=...}) and {@code timeout-ms}.
 * There is no secret: WeCom's group robot signs nothing, the key in the address is all it checks.
 */
record WeComSettings(RobotSettings robot) {

    static final String PREFIX = "formation.notifiers." + WeComNotifierFactory.ID + ".";

    static Optional<WeComSettings> parse(Map<String, String> settings) {
        Optional<RobotSettings> robot = RobotSettings.parse(PREFIX, settings);
        if (robot.isEmpty()) {
            return Optional.empty();
        }
        String key = robot.get().queryParameter("key");
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException(PREFIX + "webhook must carry the robot's key"
                    + " (copy the whole address WeCom shows for the robot: ...webhook/send?key=...)");
        }
        if (RobotSettings.blankToNull(settings.get("secret")) != null) {
            throw new IllegalArgumentException(PREFIX + "secret is not a WeCom setting: the group robot"
                    + " signs nothing, its key in " + PREFIX + "webhook is the credential");
        }
        return Optional.of(new WeComSettings(robot.get()));
    }
}
