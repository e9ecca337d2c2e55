package dev.formation.plugin.api;

import java.util.Objects;

/**
 * One message to one person: a task waiting for them, or the outcome of something they
 * submitted. Texts are already in the recipient's language; {@code link} is an absolute URL
 * to the page where they act, or null when the engine does not know its public address.
 *
 * @param recipient     the username
 * @param recipientName the person's display name
 * @param email         the person's e-mail address, or empty when they have none (channels
 *                      that need one say so in {@link Notifier#reaches})
 * @param subject       one line
 * @param body          plain text, lines separated by {@code \n}
 * @param link          absolute URL or null
 */
public record Notification(String recipient, String recipientName, String email, String subject, String body,
                           String link) {

    public Notification {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
    }
}
