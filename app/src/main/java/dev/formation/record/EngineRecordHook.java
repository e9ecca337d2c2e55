package dev.formation.record;

import dev.formation.core.Actor;
import dev.formation.form.Form;

import java.util.Map;
import java.util.Optional;

/**
 * The engine's own record hook, for rules of other packages on direct writes (a record under
 * approval changes only through its flow, some fields only through a change request). It runs
 * at the plugin hooks' "before update" and "before delete" points, but answers in a shape a page
 * can ask ahead of time ({@link RecordService#editLimits}, {@link RecordService#mayDelete}), so
 * what a page offers and what a save accepts are one rule. Writes on a flow's behalf skip it:
 * the flow has decided.
 */
public interface EngineRecordHook {

    /** What the actor may not change directly on the stored record now; {@link EditLimits#NONE} when nothing. */
    EditLimits limits(Form form, Map<String, Object> stored, Actor actor);

    /** Why the actor may not delete the stored record now, or empty when this hook lets them. */
    Optional<EditLimits.Reason> deleteRefusal(Form form, Map<String, Object> stored, Actor actor);
}
