package dev.formation.core;

/** No such form or record, or one the user may not see: 404 either way, so ids reveal nothing. */
public final class NotFoundException extends RuntimeException {

    private final String formKey;

    public NotFoundException(String what) {
        this(what, null);
    }

    private NotFoundException(String what, String formKey) {
        super(what);
        this.formKey = formKey;
    }

    /** The form itself does not exist. */
    public static NotFoundException form(String key) {
        return new NotFoundException("form " + key, key);
    }

    /** The missing form's key, when the form is what is missing. */
    public String missingForm() {
        return formKey;
    }
}
