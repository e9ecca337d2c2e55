package dev.formation.plugin.api;

import java.util.Map;
import java.util.Optional;

/**
 * A read-only view of one record write for {@link RecordHook}s. Values are keyed by field key
 * (and platform columns such as {@code owner} and {@code status}); a sub-table is a list of
 * rows, each a map. The maps cannot be changed: a hook that wants another value vetoes.
 */
public interface RecordChange {

    /** What the write does to the record. */
    enum Operation {
        CREATE, UPDATE, DELETE,
        /** Bringing a deleted record back; reserved: no path of the engine restores records yet. */
        RESTORE
    }

    Operation operation();

    /** The form's key, as in metadata. */
    String formKey();

    /** The record's id; empty only before a create, when the row has no id yet. */
    Optional<Long> recordId();

    /** The record as stored before the write; empty for a create. */
    Map<String, Object> storedValues();

    /** The record as it will be (before) or is (after) stored; for a delete, the stored values. */
    Map<String, Object> newValues();

    /** The user id (login name) the write is done as: the principal when a delegate acts. */
    String userId();

    /**
     * Whether the engine writes on a flow's behalf (an approved outcome, a change request, an
     * approver's entries) rather than a user changing the record directly.
     */
    boolean onBehalfOfFlow();
}
