package dev.formation.form;

import java.util.Locale;

/**
 * What deleting a referenced record does to the records that refer to it through one
 * reference field ({@code onDelete} in the form's metadata). Refusing is the default, so that a
 * record is never deleted from under the records that name it unless the form says so.
 */
public enum OnDelete {
    /** The delete is refused (409 naming how many records of which forms refer to it). */
    REFUSE,
    /** The referring records go to the recycle bin with it and come back with its restore. */
    CASCADE,
    /** The reference is cleared and the referring records stay. */
    UNLINK;

    public static OnDelete of(Object declared) {
        return declared == null ? REFUSE : valueOf(declared.toString().toUpperCase(Locale.ROOT));
    }
}
