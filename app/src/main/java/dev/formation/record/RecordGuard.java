package dev.formation.record;

import dev.formation.core.Actor;
import dev.formation.form.Form;

import java.util.Map;
import java.util.Optional;

/**
 * A rule outside the record service that limits a user's direct change or deletion: a record
 * under approval changes only through its flow, and some fields only through a change request.
 * The record service asks every guard before it updates or deletes, and pages ask the same
 * question (through the service) before they offer an edit or a delete. Engine writes on a
 * flow's behalf do not pass here.
 */
public interface RecordGuard {

    /** What the actor may not change directly on the stored record now; {@link EditLimits#NONE} when nothing. */
    EditLimits limits(Form form, Map<String, Object> stored, Actor actor);

    /** Why the actor may not delete the stored record now, or empty when this guard lets them. */
    Optional<EditLimits.Reason> deleteRefusal(Form form, Map<String, Object> stored, Actor actor);
}
