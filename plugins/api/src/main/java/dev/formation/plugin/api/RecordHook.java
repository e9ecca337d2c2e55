package dev.formation.plugin.api;

import java.util.List;

/**
 * Code that runs around every write of a record, whichever path made it (REST API, pages,
 * flow effects, and later imports and bulk edits), so a plugin can keep a rule of its own or
 * react to a change without the engine knowing it.
 *
 * <p>Both methods run inside the write's database transaction: a veto or an exception from
 * {@link #before} leaves nothing stored, and an exception from {@link #after} undoes the
 * write too. A hook therefore must not call back into the engine or wait on anything slow.
 */
public interface RecordHook {

    /**
     * Asked after the engine has validated the write and just before it stores it.
     *
     * @return empty to let the write go on; otherwise the field errors that refuse it, shown
     *     to the user like any validation error of those fields (the API answers 400
     *     problem+json with them, a page shows each under its field)
     */
    default List<Veto> before(RecordChange change) {
        return List.of();
    }

    /** Told once the row, its child rows and the audit entry are written, still in the transaction. */
    default void after(RecordChange change) {
    }

    /**
     * A refusal of one field: {@code field} is the field's key (or a path such as
     * {@code contacts[0].mobile}), {@code message} the reason in the user's languages.
     */
    record Veto(String field, Message message) {
    }
}
