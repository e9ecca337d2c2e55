package dev.formation.record;

import dev.formation.core.Actor;
import dev.formation.form.Form;
import dev.formation.plugin.api.RecordChange;

import java.time.LocalDateTime;
import java.util.Locale;
import java.util.Map;

/**
 * A record write after everything but storing: input cleaned, merged onto defaults or the
 * stored row, computed, validated, and (for an update) split into field and platform columns
 * that differ from the stored row. {@link WriteCommitter} stores it, whichever path prepared it.
 *
 * @param id        null for a create
 * @param stored    the row before the write; empty for a create
 * @param candidate the whole record as it will be stored
 * @param changes   for an update, the field columns that change
 * @param platform  for an update, the platform columns that change (status, owner, …)
 * @param version   for an update, the version the write expects to replace
 * @param forFlow   whether the engine writes on a flow's behalf
 */
public record PreparedWrite(Form form, Long id, Map<String, Object> stored, Map<String, Object> candidate,
                            Map<String, Object> changes, Map<String, Object> platform, long version, Actor actor,
                            boolean forFlow, String auditAction, LocalDateTime now, Locale locale) {

    public boolean isCreate() {
        return id == null;
    }

    /** An update that would store what is stored already: nothing to write. */
    public boolean changesNothing() {
        return !isCreate() && changes.isEmpty() && platform.isEmpty();
    }

    /** The same write, audited as {@code action} (an import's create is audited as an import). */
    PreparedWrite auditedAs(String action) {
        return new PreparedWrite(form, id, stored, candidate, changes, platform, version, actor, forFlow, action, now,
                locale);
    }

    /** The hooks' view of this write, once the record has {@code recordId} (null before a create). */
    RecordChange change(Long recordId) {
        return new HookChange(isCreate() ? RecordChange.Operation.CREATE : RecordChange.Operation.UPDATE,
                form.key(), recordId, stored, candidate, actor.username(), forFlow);
    }
}
