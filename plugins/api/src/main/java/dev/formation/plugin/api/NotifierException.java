package dev.formation.plugin.api;

/** A notification could not be handed over; the message says why, without secrets. */
public class NotifierException extends Exception {

    public NotifierException(String message) {
        super(message);
    }

    public NotifierException(String message, Throwable cause) {
        super(message, cause);
    }
}
