package dev.formation.plugin.api;

/**
 * Delivers notifications over one channel (e-mail, a chat app's robot...). The engine keeps
 * every notification in its own outbox and calls {@link #send} outside any transaction, from
 * one node at a time; a failure is retried later, so {@code send} need not retry itself.
 */
public interface Notifier {

    /** The channel's name, e.g. {@code "email"}; shown in logs and stored with each delivery. */
    String channel();

    /**
     * Delivers one notification, or throws when it could not be handed over (the engine retries
     * with back-off and gives up after a few attempts, logging the reason).
     */
    void send(Notification notification) throws NotifierException;

    /**
     * Whether this channel can reach the notification's recipient at all: the e-mail notifier
     * needs an address, a group robot reaches its group whoever the message is for. The engine
     * asks when it writes the notification and queues it only for channels that can.
     */
    default boolean reaches(Notification notification) {
        return true;
    }
}
