/**
 * What the chat group-robot notifiers (DingTalk, WeCom) share: their settings' common part
 * ({@link dev.formation.plugins.notify.robot.RobotSettings}), one JSON POST to a robot's
 * webhook with the JDK's {@link java.net.http.HttpClient} and the reading of its
 * {@code errcode}/{@code errmsg} answer ({@link dev.formation.plugins.notify.robot.RobotWebhook}),
 * and a notification written as markdown ({@link dev.formation.plugins.notify.robot.RobotMarkdown}).
 * Each robot's own module adds its URL (DingTalk's signature, WeCom's key) and its message's shape.
 */
package dev.formation.plugins.notify.robot;
