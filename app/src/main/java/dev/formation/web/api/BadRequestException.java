package dev.formation.web.api;

/** A request we cannot read (not a record rule): 400 with a text from the platform's messages. */
public final class BadRequestException extends RuntimeException {

    private final String textKey;
    private final transient Object[] args;

    public BadRequestException(String textKey, Object... args) {
        super(textKey);
        this.textKey = textKey;
        this.args = args;
    }

    public String textKey() {
        return textKey;
    }

    public Object[] args() {
        return args;
    }
}
