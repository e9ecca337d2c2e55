/**
 * The {@code dingtalk} notifier: each notification as a markdown message to a DingTalk (钉钉)
 * custom group robot. When the robot's security setting is "加签" (signing), the secret signs
 * each request as DingTalk documents: {@code timestamp} (milliseconds) and {@code sign} =
 * URL-encoded Base64 of HmacSHA256(key: secret, data: {@code timestamp + "\n" + secret}).
 */
package dev.formation.plugins.notify.dingtalk;
