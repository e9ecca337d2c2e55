/**
 * The {@code wecom} notifier: each notification as a markdown message to a WeCom (企业微信)
 * group robot. The group robot has no request signature: its webhook key (the {@code key}
 * query parameter) is the only credential, so the settings check that the address carries one
 * and errors never print it.
 */
package dev.formation.plugins.notify.wecom;
