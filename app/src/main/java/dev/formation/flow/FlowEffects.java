package dev.formation.flow;

import dev.formation.form.PlatformColumns;
import dev.formation.record.OwnerChange;
import dev.formation.record.RecordService;
import dev.formation.record.SharingService;
import dev.formation.security.UserAccount;
import dev.formation.security.UserRepository;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies what an outcome does to the record, through the record service so the change is
 * validated and audited like any other, in the action's transaction.
 */
@Singleton
public class FlowEffects {

    static final String CHANGES = "changes";

    private final RecordService records;
    private final SharingService sharing;
    private final UserRepository users;

    public FlowEffects(RecordService records, SharingService sharing, UserRepository users) {
        this.records = records;
        this.sharing = sharing;
        this.users = users;
    }

    /** A token ({@link Effects#TOKENS}) as its value for this run; anything else as written. */
    private Object resolve(Object value, FlowRun run) {
        if (!(value instanceof String s) || !s.startsWith("$")) {
            return value;
        }
        return switch (s) {
            case "$submitter" -> run.submitter();
            case "$submitter.department" -> users.findByUsername(run.submitter()).map(UserAccount::department).orElse(null);
            case "$now" -> run.now.toString();
            case "$today" -> run.now.toLocalDate().toString();
            default -> value;
        };
    }

    @SuppressWarnings("unchecked")
    void apply(FlowRun run, Effects effects, String auditAction) {
        if (effects == null || effects.isEmpty()) {
            return;
        }
        Map<String, Object> input = new LinkedHashMap<>();
        effects.fields().forEach((field, value) -> input.put(field, resolve(value, run)));
        if (effects.applyChanges() && run.payload.get(CHANGES) instanceof Map<?, ?> changes) {
            // the change set keeps [before, after] per field, for the request page
            ((Map<String, Object>) changes).forEach((field, pair) -> input.put(field, ((List<Object>) pair).get(1)));
        }
        if (effects.status() != null) {
            input.put(PlatformColumns.STATUS, effects.status());
        }
        if (effects.assignToSubmitter()) {
            input.put(PlatformColumns.OWNER, run.submitter());
        }
        if (!input.isEmpty()) {
            // an owner the outcome sets (a claim, a release) is the flow's doing in the owner history
            OwnerChange.within("flow:" + run.def.key(), null, () -> records.applyForFlow(run.form(), run.recordId(),
                    input, run.actor, auditAction, run.locale));
        }
        if (effects.removeAddedOwners()) {
            sharing.removeAddedOwners(run.form(), run.recordId(), run.actor);
        }
        if (effects.addSubmitterAsOwner()) {
            sharing.addOwner(run.form(), run.recordId(), run.submitter(), run.actor);
        }
    }
}
