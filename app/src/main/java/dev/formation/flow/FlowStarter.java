package dev.formation.flow;

import dev.formation.form.Field;
import dev.formation.form.Form;
import dev.formation.i18n.Texts;
import dev.formation.core.Actor;
import dev.formation.record.ExpressionVariables;
import dev.formation.core.FieldError;
import dev.formation.core.ForbiddenException;
import dev.formation.core.NotFoundException;
import dev.formation.record.RecordService;
import dev.formation.core.StateConflictException;
import dev.formation.core.ValidationException;
import dev.formation.record.FileAccess;
import dev.formation.store.FileStore;
import dev.formation.store.Tx;
import jakarta.inject.Singleton;

import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Starts flows from record actions and change requests, resubmits returned ones, and lets the
 * submitter withdraw. Permission to start is the flow's role action on the record; a flow
 * starts only while its {@code startWhen} holds and no other instance holds its lock.
 */
@Singleton
public class FlowStarter {

    public static final String WITHDRAW = "withdraw";

    private final FlowCatalog catalog;
    private final FlowStore store;
    private final FlowRuns runs;
    private final FlowWalker walker;
    private final FlowEffects effects;
    private final RecordService records;
    private final AssigneeResolver resolver;
    private final FileStore files;
    private final FileAccess fileAccess;
    private final FlowFiles flowFiles;
    private final Tx tx;
    private final FlowOffers offers;

    private final Clock clock;

    public FlowStarter(FlowCatalog catalog, FlowStore store, FlowRuns runs, FlowWalker walker, FlowEffects effects,
                       RecordService records, AssigneeResolver resolver, FileStore files, FileAccess fileAccess,
                       FlowFiles flowFiles, Tx tx, FlowOffers offers, Clock clock) {
        this.offers = offers;
        this.clock = clock;
        this.fileAccess = fileAccess;
        this.flowFiles = flowFiles;
        this.catalog = catalog;
        this.store = store;
        this.runs = runs;
        this.walker = walker;
        this.effects = effects;
        this.records = records;
        this.resolver = resolver;
        this.files = files;
        this.tx = tx;
    }

    /** A record action: {@code withdraw}, or the trigger of one of the form's flows. */
    public FlowInstance act(String formKey, long recordId, String action, Map<String, Object> body, Actor actor,
                            Locale locale) {
        records.form(formKey);
        if (WITHDRAW.equals(action)) {
            records.requireAccess(formKey, recordId, dev.formation.security.AccessPolicy.READ, actor);
            FlowInstance open = tx.read(c -> store.openOn(formKey, recordId)).stream()
                    .filter(i -> i.submitter().equals(actor.username())).findFirst()
                    .orElseThrow(() -> new StateConflictException("flow.nothingToWithdraw"));
            return withdraw(open.id(), actor, locale);
        }
        FlowDefinition def = catalog.forTrigger(formKey, action)
                .orElseThrow(() -> new NotFoundException(formKey + " action " + action));
        if (def.isChangeRequest()) {
            throw new NotFoundException(formKey + " action " + action);
        }
        return start(def, recordId, new LinkedHashMap<>(), body, actor, locale);
    }

    /**
     * A change request: the proposed values are checked as if applied, stored as a change set,
     * and written only when the flow approves. Fields the rules name need a document.
     */
    public FlowInstance requestChange(String formKey, long recordId, Map<String, Object> changes,
                                      List<String> attachmentIds, Actor actor, Locale locale) {
        FlowDefinition def = catalog.forTrigger(formKey, FlowDefinition.CHANGE_REQUEST)
                .orElseThrow(() -> new NotFoundException(formKey + " action " + FlowDefinition.CHANGE_REQUEST));
        records.requireAccess(formKey, recordId, def.permission(), actor);
        Form form = records.form(formKey);
        FlowDefinition.ChangeRules rules = def.changeRules();
        List<FieldError> errors = new ArrayList<>();
        for (String key : changes.keySet()) {
            if (!rules.fields().contains(key)) {
                String label = form.field(key).map(f -> f.label().in(locale)).orElse(key);
                errors.add(new FieldError(key, Texts.get(locale, "flow.notChangeable", label)));
            }
        }
        throwIfAny(errors);
        Map<String, List<Object>> diff = changes.isEmpty() ? Map.of()
                : records.proposeChanges(formKey, recordId, changes, actor, locale);
        if (diff.isEmpty()) {
            throw new ValidationException(List.of(new FieldError("changes", Texts.get(locale, "flow.noChanges"))));
        }
        throwIfAny(proposedFilesNotAttachable(form, diff, actor, locale));
        List<Map<String, Object>> attachments = attachments(rules, attachmentIds, actor, locale);
        Set<String> needDocument = new LinkedHashSet<>(diff.keySet());
        needDocument.retainAll(rules.attachmentRequiredFor());
        if (!needDocument.isEmpty() && attachments.isEmpty()) {
            String labels = String.join("、", needDocument.stream()
                    .map(k -> form.field(k).map(f -> f.label().in(locale)).orElse(k)).toList());
            throw new ValidationException(List.of(new FieldError("attachments",
                    Texts.get(locale, "flow.attachmentRequired", labels, String.join(" ", rules.attachmentTypes())))));
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put(FlowEffects.CHANGES, diff);
        payload.put("attachments", attachments);
        return start(def, recordId, payload, Map.of(), actor, locale);
    }

    /** Files a change proposes to put into the record must be ones the requester may read. */
    private List<FieldError> proposedFilesNotAttachable(Form form, Map<String, List<Object>> diff, Actor actor,
                                                        Locale locale) {
        Map<String, Object> before = new LinkedHashMap<>();
        Map<String, Object> after = new LinkedHashMap<>();
        diff.forEach((field, pair) -> {
            before.put(field, pair.get(0));
            after.put(field, pair.get(1));
        });
        return records.filesNotAttachable(form, before, after, actor, locale);
    }

    private List<Map<String, Object>> attachments(FlowDefinition.ChangeRules rules, List<String> ids, Actor actor,
                                                  Locale locale) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Set<String> wanted = new LinkedHashSet<>(ids);
        List<FileStore.StoredFile> found = tx.read(c -> files.find(wanted));
        if (found.size() != wanted.size() || !fileAccess.notAttachable(wanted, actor).isEmpty()) {
            throw new ValidationException(List.of(new FieldError("attachments", Texts.get(locale, "flow.attachmentMissing"))));
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (FileStore.StoredFile f : found) {
            // the extension the content proved, not the one in the name
            boolean allowed = rules.attachmentTypes().contains(f.extension())
                    || (".jpg".equals(f.extension()) && rules.attachmentTypes().contains(".jpeg"));
            if (!allowed) {
                throw new ValidationException(List.of(new FieldError("attachments", Texts.get(locale,
                        "flow.attachmentType", f.name(), String.join(" ", rules.attachmentTypes())))));
            }
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("id", f.id());
            a.put("name", f.name());
            a.put("content_type", f.contentType());
            out.add(a);
        }
        return out;
    }

    private FlowInstance start(FlowDefinition def, long recordId, Map<String, Object> payload,
                               Map<String, Object> body, Actor actor, Locale locale) {
        records.requireAccess(def.form(), recordId, def.permission(), actor);
        offers.requireOffered(def, recordId, actor, locale);
        if (tx.read(c -> store.isUnpublished(def.key()))) {
            throw new StateConflictException("flow.unpublished", def.label().in(locale));
        }
        Optional<FlowInstance> previous = tx.read(c -> store.latest(def.key(), def.form(), recordId,
                def.perApplicant() ? actor.username() : null));
        if (previous.isPresent() && FlowInstance.RETURNED.equals(previous.get().status())
                && previous.get().submitter().equals(actor.username()) && !def.isChangeRequest()) {
            return resubmit(previous.get().id(), body, actor, locale);
        }
        Map<String, Object> record = records.stored(def.form(), recordId);
        checkStartWhen(def, record, locale);
        Object chosen = body.get(FlowWalker.CHOSEN);
        def.chosenNode().ifPresent(node -> {
            String role = node.assignees().value();
            if (!(chosen instanceof String s) || !resolver.hasRole(s, role)) {
                throw new ValidationException(List.of(new FieldError(FlowWalker.CHOSEN,
                        Texts.get(locale, "flow.chooseAssignee", node.label().in(locale)))));
            }
            payload.put(FlowWalker.CHOSEN, s);
        });
        String title = titleOf(def, record);
        return tx.write(c -> {
            LocalDateTime now = runs.now();
            checkStartLimit(def, actor, now, locale);
            long id = store.insertInstance(new FlowInstance(0, def.key(), def.versionId(), def.form(), recordId, title,
                    FlowInstance.RUNNING, actor.username(), actor.realUsername(), null, payload, now, null, 1));
            flowFiles.linkInstance(c, id, def.form(), payload);
            if (!store.acquireLock(lockKey(def, recordId, actor), id)) {
                throw new StateConflictException(def.isChangeRequest() ? "flow.changePending" : "flow.busy",
                        def.label().in(locale));
            }
            FlowInstance created = store.lockInstance(id).orElseThrow();
            FlowRun run = new FlowRun(c, store, def, created, actor, now, locale);
            store.event(id, actor.realUsername(), actor.delegate() == null ? null : actor.username(), "submit",
                    null, null, null, eventDetails(payload), now);
            runs.audit(run, actor, "submit", null);
            effects.apply(run, def.onStart(), "flow_submit");
            copyInAtSubmit(run);
            walker.advance(run, def.first().orElse(null));
            run.save();
            return store.instance(id).orElseThrow();
        });
    }

    /** After a return, the submitter sends it again: from the first node, or the one that returned it. */
    public FlowInstance resubmit(long instanceId, Map<String, Object> body, Actor actor, Locale locale) {
        return runs.onInstance(instanceId, actor, locale, run -> {
            if (!run.submitter().equals(actor.username())) {
                throw new ForbiddenException("only the submitter resubmits");
            }
            if (!FlowInstance.RETURNED.equals(run.status)) {
                throw new StateConflictException("flow.notReturned");
            }
            checkStartWhen(run.def, records.stored(run.form(), run.recordId()), locale);
            if (body.get(FlowWalker.CHOSEN) instanceof String s && run.def.chosenNode().isPresent()) {
                if (!resolver.hasRole(s, run.def.chosenNode().get().assignees().value())) {
                    throw new ValidationException(List.of(new FieldError(FlowWalker.CHOSEN,
                            Texts.get(locale, "flow.chooseAssignee", run.def.chosenNode().get().label().in(locale)))));
                }
                run.payload.put(FlowWalker.CHOSEN, s);
            }
            if (!store.acquireLock(lockKey(run.def, run.recordId(), actor), run.id())) {
                throw new StateConflictException("flow.busy", run.def.label().in(locale));
            }
            String returnedFrom = (String) run.payload.remove(FlowWalker.RETURNED_FROM);
            run.payload.remove(FlowWalker.LAST_APPROVERS);
            run.status = FlowInstance.RUNNING;
            run.endedAt = null;
            store.event(run.id(), actor.realUsername(), null, "resubmit", null, null, null, null, run.now);
            runs.audit(run, actor, "resubmit", null);
            effects.apply(run, run.def.onStart(), "flow_submit");
            copyInAtSubmit(run);
            FlowNode from = run.def.resubmitAtReturnedNode() && returnedFrom != null
                    ? run.def.node(returnedFrom).orElse(null) : run.def.first().orElse(null);
            if (!run.def.resubmitAtReturnedNode()) {
                run.payload.remove(FlowWalker.PASSED);
            }
            walker.advance(run, from);
            return run.instance();
        });
    }

    /**
     * 撤销: the submitter takes a request back while it waits for the current node and nobody
     * there has acted yet, or after it came back to them.
     */
    public FlowInstance withdraw(long instanceId, Actor actor, Locale locale) {
        return runs.onInstance(instanceId, actor, locale, run -> {
            if (!run.submitter().equals(actor.username())) {
                throw new ForbiddenException("only the submitter withdraws");
            }
            if (!FlowInstance.withdrawable(run.status, run.currentNode, run.tasks())) {
                throw new StateConflictException(FlowInstance.RUNNING.equals(run.status) ? "flow.withdrawTooLate"
                        : "flow.notRunning");
            }
            List<FlowTask> open = run.openApprovalTasks();
            for (FlowTask t : open) {
                store.finishTask(t.id(), FlowTask.CANCELLED, null, null, null, run.now);
            }
            effects.apply(run, run.def.onWithdraw(), "flow_withdraw");
            run.status = FlowInstance.WITHDRAWN;
            run.endedAt = run.now;
            run.currentNode = null;
            store.releaseLocks(run.id());
            store.event(run.id(), actor.realUsername(), null, "withdraw", null, null, null, null, run.now);
            runs.audit(run, actor, "withdraw", null);
            Notifications n = walker.notifications();
            for (FlowTask t : open) {
                if (t.isPending()) {
                    n.send(t.assignee(), "withdrawn", FlowWalker.link(run.id()), run.id(), run.now,
                            run.def.label(), FlowWalker.title(run), new Notifications.Person(run.submitter()));
                }
            }
            return run.instance();
        });
    }

    private void copyInAtSubmit(FlowRun run) throws SQLException {
        for (FlowDefinition.Cc cc : run.def.cc()) {
            if (cc.atSubmit()) {
                walker.copyIn(run, cc.assignees(), null);
            }
        }
    }

    private void checkStartWhen(FlowDefinition def, Map<String, Object> record, Locale locale) {
        if (def.startWhen() != null && !def.startWhen().test(ExpressionVariables.of(records.form(def.form()), record,
                null), clock)) {
            Form form = records.form(def.form());
            Object status = record.get("status");
            String statusLabel = form.statusField().map(f -> f.option(String.valueOf(status)))
                    .map(o -> o.label().in(locale)).orElse(String.valueOf(status));
            throw new StateConflictException("flow.notNow", def.actionLabel().in(locale), statusLabel);
        }
    }

    /** Refuses a start beyond the flow's limit per submitter and period. */
    private void checkStartLimit(FlowDefinition def, Actor actor, LocalDateTime now, Locale locale) {
        FlowDefinition.StartLimit limit = def.startLimit();
        if (limit == null) {
            return;
        }
        java.time.LocalDate today = now.toLocalDate();
        java.time.LocalDate from = switch (limit.per()) {
            case WEEKS -> today.with(java.time.DayOfWeek.MONDAY);
            case MONTHS -> today.withDayOfMonth(1);
            default -> today;
        };
        if (store.startsSince(def.key(), actor.username(), from.atStartOfDay()) >= limit.count()) {
            String per = Texts.get(locale, "flow.per." + limit.per().name().toLowerCase(Locale.ROOT));
            throw new StateConflictException("flow.limitReached", def.actionLabel().in(locale), per, limit.count());
        }
    }

    /**
     * Whether another open instance holds the record for this flow now, so that starting it
     * would be refused as busy (one approval at a time on a record; one application per applicant).
     */
    public boolean busy(FlowDefinition def, long recordId, Actor actor) {
        return tx.read(c -> store.locked(lockKey(def, recordId, actor)));
    }

    static String lockKey(FlowDefinition def, long recordId, Actor actor) {
        String key = def.form() + ":" + recordId;
        return def.perApplicant() ? key + ":" + def.key() + ":" + actor.username() : key;
    }

    private String titleOf(FlowDefinition def, Map<String, Object> record) {
        Form form = records.form(def.form());
        Object title = form.titleField() == null ? null : record.get(form.titleField());
        String text = title == null ? String.valueOf(record.get("code")) : title.toString();
        return text.length() > 300 ? text.substring(0, 300) : text;
    }

    private static Map<String, Object> eventDetails(Map<String, Object> payload) {
        Map<String, Object> details = new LinkedHashMap<>();
        for (String key : List.of(FlowEffects.CHANGES, "attachments", FlowWalker.CHOSEN)) {
            if (payload.get(key) != null) {
                details.put(key, payload.get(key));
            }
        }
        return details;
    }

    private static void throwIfAny(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }

    static String fieldLabel(Form form, String key, Locale locale) {
        return form.field(key).map(Field::label).map(l -> l.in(locale)).orElse(key);
    }
}
