package dev.formation.flow;

import dev.formation.form.Form;
import dev.formation.form.TextRules;
import dev.formation.i18n.Texts;
import dev.formation.core.Actor;
import dev.formation.core.FieldError;
import dev.formation.record.FileAccess;
import dev.formation.core.ForbiddenException;
import dev.formation.record.RecordService;
import dev.formation.core.StateConflictException;
import dev.formation.core.ValidationException;
import dev.formation.security.Delegation;
import dev.formation.security.DelegationService;
import dev.formation.security.UserAccount;
import dev.formation.security.UserRepository;
import jakarta.inject.Singleton;

import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What an approver (or someone acting for them through an approval delegation) does with a
 * task: approve with the fields the node lets them fill, reject back to the submitter or to a
 * node already passed, transfer, add approvers; and the submitter's urge. Each action locks the
 * instance first, acts only on a task that is still pending (a double click acts once), and is
 * audited.
 */
@Singleton
public class TaskActions {

    /** Where an added approver goes relative to the one adding them (加签). */
    public enum Position { BEFORE, AFTER, PARALLEL }

    private static final int URGE_INTERVAL_MINUTES = 10;

    private final FlowRuns runs;
    private final FlowStore store;
    private final FlowWalker walker;
    private final RecordService records;
    private final DelegationService delegations;
    private final UserRepository users;
    private final FileAccess fileAccess;
    private final FlowFiles flowFiles;

    public TaskActions(FlowRuns runs, FlowStore store, FlowWalker walker, RecordService records,
                       DelegationService delegations, UserRepository users, FileAccess fileAccess,
                       FlowFiles flowFiles) {
        this.fileAccess = fileAccess;
        this.flowFiles = flowFiles;
        this.runs = runs;
        this.store = store;
        this.walker = walker;
        this.records = records;
        this.delegations = delegations;
        this.users = users;
    }

    public FlowInstance approve(long taskId, Actor actor, String comment, Map<String, Object> fields, Long version,
                                Locale locale) {
        checkComment(comment, locale);
        return runs.onTask(taskId, actor, locale, run -> {
            FlowTask task = pendingTask(run, taskId, version);
            Actor acting = assignee(task, actor);
            FlowNode node = run.def.node(task.nodeKey()).orElseThrow();
            if (!fields.isEmpty()) {
                checkEditable(run, node, fields, locale);
                checkFiles(run, fields, actor, locale);
                records.applyForFlow(run.form(), run.recordId(), fields, acting, "flow_fields", locale);
            }
            checkRequired(run, node, locale);
            close(run, task, FlowTask.APPROVED, acting, comment);
            Map<String, Object> details = fields.isEmpty() ? null : Map.of("fields", fields);
            event(run, acting, "approve", task, comment, details);
            runs.audit(run, acting, "approve", node.key());
            walker.continueAfter(run, node, task.visit());
            return run.instance();
        });
    }

    /**
     * Rejects: on a vote node a "no" vote; otherwise back to the submitter ({@code to} null or
     * "submitter") or to an approval node the instance passed, which opens again.
     */
    public FlowInstance reject(long taskId, Actor actor, String comment, String to, Long version, Locale locale) {
        checkComment(comment, locale);
        return runs.onTask(taskId, actor, locale, run -> {
            FlowTask task = pendingTask(run, taskId, version);
            Actor acting = assignee(task, actor);
            FlowNode node = run.def.node(task.nodeKey()).orElseThrow();
            FlowNode target = null;
            if (to != null && !to.isBlank() && !"submitter".equals(to)) {
                if (!run.listOf(FlowWalker.PASSED).contains(to) || node.mode() == FlowNode.Mode.VOTE) {
                    throw new ValidationException(List.of(new FieldError("to", Texts.get(locale, "flow.badReturnNode", to))));
                }
                target = run.def.node(to).orElseThrow();
            }
            close(run, task, FlowTask.REJECTED, acting, comment);
            event(run, acting, "reject", task, comment, to == null ? null : Map.of("to", to));
            runs.audit(run, acting, "reject", node.key());
            if (node.mode() == FlowNode.Mode.VOTE) {
                walker.continueAfter(run, node, task.visit());
            } else if (target == null) {
                run.reloadTasks();
                walker.returnToSubmitter(run, node);
            } else {
                run.reloadTasks();
                for (FlowTask open : run.openApprovalTasks()) {
                    store.finishTask(open.id(), FlowTask.CANCELLED, null, null, null, run.now);
                }
                run.reloadTasks();
                run.payload.remove(FlowWalker.LAST_APPROVERS);
                List<String> passed = run.listOf(FlowWalker.PASSED);
                passed.subList(passed.indexOf(target.key()), passed.size()).clear();
                run.payload.put(FlowWalker.PASSED, passed);
                walker.advance(run, target);
            }
            return run.instance();
        });
    }

    /** 转交: the task goes to someone else, who now holds it alone. */
    public FlowInstance transfer(long taskId, Actor actor, String to, String comment, Long version, Locale locale) {
        checkComment(comment, locale);
        return runs.onTask(taskId, actor, locale, run -> {
            FlowTask task = pendingTask(run, taskId, version);
            Actor acting = assignee(task, actor);
            String target = activeUser(to, "to", locale);
            if (target.equals(task.assignee()) || holdsOpenTask(run, task, target)) {
                throw new ValidationException(List.of(new FieldError("to", Texts.get(locale, "flow.alreadyAssigned", to))));
            }
            close(run, task, FlowTask.TRANSFERRED, acting, comment);
            long id = store.insertTask(run.id(), task.nodeKey(), task.visit(), task.step(), FlowTask.APPROVAL,
                    target, FlowTask.PENDING, task.added(), run.now, task.dueAt());
            event(run, acting, "transfer", task, comment, Map.of("to", target));
            runs.audit(run, acting, "transfer", task.nodeKey());
            run.reloadTasks();
            walker.notifyTask(run, run.task(id).orElseThrow());
            return run.instance();
        });
    }

    /** 加签: more approvers at this node, before the one adding them, after them, or beside them. */
    public FlowInstance addApprovers(long taskId, Actor actor, List<String> people, Position position, String comment,
                                     Long version, Locale locale) {
        checkComment(comment, locale);
        return runs.onTask(taskId, actor, locale, run -> {
            FlowTask task = pendingTask(run, taskId, version);
            Actor acting = assignee(task, actor);
            if (people.isEmpty()) {
                throw new ValidationException(List.of(new FieldError("users", Texts.get(locale, "flow.noUsers"))));
            }
            List<String> added = new ArrayList<>();
            for (String p : people) {
                String user = activeUser(p, "users", locale);
                if (user.equals(task.assignee()) || holdsOpenTask(run, task, user) || added.contains(user)) {
                    throw new ValidationException(List.of(new FieldError("users",
                            Texts.get(locale, "flow.alreadyAssigned", user))));
                }
                added.add(user);
            }
            String node = task.nodeKey();
            int step = switch (position) {
                case BEFORE -> {
                    store.shiftSteps(run.id(), node, task.visit(), task.step());
                    // the adder and anyone beside them wait until the added approvers have acted
                    for (FlowTask t : run.visitTasks(node, task.visit())) {
                        if (t.step() == task.step() && t.isPending()) {
                            store.setTaskStatus(t.id(), FlowTask.WAITING, t.dueAt());
                        }
                    }
                    yield task.step();
                }
                case AFTER -> {
                    store.shiftSteps(run.id(), node, task.visit(), task.step() + 1);
                    yield task.step() + 1;
                }
                case PARALLEL -> task.step();
            };
            String status = position == Position.AFTER ? FlowTask.WAITING : FlowTask.PENDING;
            List<Long> ids = new ArrayList<>();
            for (String user : added) {
                ids.add(store.insertTask(run.id(), node, task.visit(), step, FlowTask.APPROVAL, user, status,
                        position.name().toLowerCase(Locale.ROOT), run.now, task.dueAt()));
            }
            event(run, acting, "add_approver", task, comment, Map.of("users", added,
                    "position", position.name().toLowerCase(Locale.ROOT)));
            runs.audit(run, acting, "add_approver", node);
            run.reloadTasks();
            if (FlowTask.PENDING.equals(status)) {
                for (long id : ids) {
                    walker.notifyTask(run, run.task(id).orElseThrow());
                }
            }
            return run.instance();
        });
    }

    /** 催办: the submitter reminds the people a task waits for, at most every few minutes. */
    public FlowInstance urge(long taskId, Actor actor, String comment, Locale locale) {
        checkComment(comment, locale);
        return runs.onTask(taskId, actor, locale, run -> {
            if (!run.submitter().equals(actor.username())) {
                throw new ForbiddenException("only the submitter urges");
            }
            FlowTask task = run.task(taskId).orElseThrow();
            if (!task.isPending() || !run.instance().isRunning()) {
                throw new StateConflictException("flow.taskClosed");
            }
            LocalDateTime recent = run.now.minusMinutes(URGE_INTERVAL_MINUTES);
            boolean urged = store.events(run.id()).stream().anyMatch(e -> "urge".equals(e.get("action"))
                    && Long.valueOf(taskId).equals(e.get("task_id"))
                    && LocalDateTime.parse((String) e.get("at")).isAfter(recent));
            if (urged) {
                throw new StateConflictException("flow.urgedRecently", URGE_INTERVAL_MINUTES);
            }
            event(run, actor, "urge", task, comment, null);
            runs.audit(run, actor, "urge", task.nodeKey());
            walker.notifications().send(task.assignee(), "urge", FlowWalker.link(run.id()), run.id(), run.now,
                    run.def.label(), FlowWalker.title(run), new Notifications.Person(run.submitter()));
            return run.instance();
        });
    }

    /** A comment on the timeline, with attachments, by anyone taking part. */
    public FlowInstance comment(long instanceId, Actor actor, String comment, List<String> attachments,
                                boolean participant, Locale locale) {
        if (!participant) {
            throw new ForbiddenException("comment");
        }
        if (comment == null || comment.isBlank()) {
            throw new ValidationException(List.of(new FieldError("comment", Texts.get(locale, "flow.emptyComment"))));
        }
        checkComment(comment, locale);
        if (!fileAccess.notAttachable(attachments, actor).isEmpty()) {
            throw new ValidationException(List.of(new FieldError("attachments",
                    Texts.get(locale, "flow.attachmentMissing"))));
        }
        return runs.onInstance(instanceId, actor, locale, run -> {
            flowFiles.linkAttachments(run.c, run.id(), run.form(), attachments);
            Map<String, Object> details = attachments.isEmpty() ? null : Map.of("attachments", attachments);
            store.event(run.id(), actor.realUsername(), actor.delegate() == null ? null : actor.username(),
                    "comment", run.currentNode, null, clip(comment), details, run.now);
            runs.audit(run, actor, "comment", run.currentNode);
            return run.instance();
        });
    }

    /**
     * A pending task whose node's time ran out: remind its assignee once, or approve or reject it
     * for them, as the node says. Does nothing when someone acted first.
     */
    public void timeOut(long taskId, LocalDateTime now, Locale locale) {
        Actor system = new Actor(FlowWalker.SYSTEM, FlowWalker.SYSTEM, null, List.of());
        runs.onTask(taskId, system, locale, run -> {
            FlowTask task = run.task(taskId).orElseThrow();
            if (!task.isPending() || task.dueAt() == null || task.dueAt().isAfter(now) || !run.instance().isRunning()) {
                return null;
            }
            FlowNode node = run.def.node(task.nodeKey()).orElseThrow();
            FlowNode.TimeoutAction action = node.timeout() == null ? FlowNode.TimeoutAction.REMIND : node.timeout().action();
            switch (action) {
                case REMIND -> {
                    store.markReminded(taskId, run.now);
                    event(run, system, "remind", task, null, null);
                    walker.notifications().send(task.assignee(), "overdue", FlowWalker.link(run.id()), run.id(),
                            run.now, run.def.label(), FlowWalker.title(run));
                }
                case APPROVE -> {
                    store.finishTask(taskId, FlowTask.APPROVED, FlowWalker.SYSTEM, null, null, run.now);
                    event(run, system, "timeout_approve", task, null, null);
                    runs.audit(run, system, "timeout_approve", node.key());
                    walker.continueAfter(run, node, task.visit());
                }
                case REJECT -> {
                    store.finishTask(taskId, FlowTask.REJECTED, FlowWalker.SYSTEM, null, null, run.now);
                    event(run, system, "timeout_reject", task, null, null);
                    runs.audit(run, system, "timeout_reject", node.key());
                    run.reloadTasks();
                    walker.returnToSubmitter(run, node);
                }
                default -> throw new IllegalStateException(action.name());
            }
            return null;
        });
    }

    private FlowTask pendingTask(FlowRun run, long taskId, Long version) {
        FlowTask task = run.task(taskId).orElseThrow();
        if (!FlowTask.APPROVAL.equals(task.kind()) || !task.isPending() || !run.instance().isRunning()
                || (version != null && version != task.version())) {
            throw new StateConflictException("flow.taskClosed");
        }
        return task;
    }

    /**
     * The actor a task's action runs as: its assignee, or the assignee through an approval
     * delegation active now (the audit then names both). Anyone else is refused.
     */
    private Actor assignee(FlowTask task, Actor actor) {
        if (task.assignee().equals(actor.username())) {
            return actor;
        }
        if (delegations.principalsFor(actor.username(), Delegation.APPROVE).contains(task.assignee())) {
            return delegations.actFor(actor, task.assignee(), Delegation.APPROVE);
        }
        throw new ForbiddenException("task " + task.id() + " is not assigned to " + actor.username());
    }

    /** Files an approver puts into the record must be ones they may read (their own uploads, say). */
    private void checkFiles(FlowRun run, Map<String, Object> fields, Actor actor, Locale locale) {
        Map<String, Object> stored = records.stored(run.form(), run.recordId());
        Map<String, Object> candidate = new LinkedHashMap<>(stored);
        candidate.putAll(fields);
        List<FieldError> refused = records.filesNotAttachable(records.form(run.form()), stored, candidate, actor, locale);
        if (!refused.isEmpty()) {
            throw new ValidationException(refused);
        }
    }

    private void checkEditable(FlowRun run, FlowNode node, Map<String, Object> fields, Locale locale) {
        Form form = records.form(run.form());
        List<FieldError> denied = new ArrayList<>();
        for (String key : fields.keySet()) {
            if (!node.editableFields().contains(key)) {
                denied.add(new FieldError(key, Texts.get(locale, "validation.noFieldPermission",
                        FlowStarter.fieldLabel(form, key, locale))));
            }
        }
        if (!denied.isEmpty()) {
            throw new ForbiddenException("fields at node " + node.key(), denied);
        }
    }

    private void checkRequired(FlowRun run, FlowNode node, Locale locale) {
        if (node.requiredFields().isEmpty()) {
            return;
        }
        Form form = records.form(run.form());
        Map<String, Object> record = records.stored(run.form(), run.recordId());
        List<FieldError> missing = new ArrayList<>();
        for (String key : node.requiredFields()) {
            Object v = record.get(key);
            if (v == null || (v instanceof String s && s.isBlank())) {
                missing.add(new FieldError(key, Texts.get(locale, "validation.required",
                        FlowStarter.fieldLabel(form, key, locale))));
            }
        }
        if (!missing.isEmpty()) {
            throw new ValidationException(missing);
        }
    }

    private void close(FlowRun run, FlowTask task, String status, Actor acting, String comment) throws SQLException {
        if (!store.finishTask(task.id(), status, acting.realUsername(),
                acting.delegate() == null ? null : acting.username(), clip(comment), run.now)) {
            throw new StateConflictException("flow.taskClosed");
        }
        run.reloadTasks();
    }

    private void event(FlowRun run, Actor acting, String action, FlowTask task, String comment,
                       Map<String, Object> details) throws SQLException {
        store.event(run.id(), acting.realUsername(), acting.delegate() == null ? null : acting.username(), action,
                task.nodeKey(), task.id(), clip(comment), details == null ? null : new LinkedHashMap<>(details), run.now);
    }

    private static boolean holdsOpenTask(FlowRun run, FlowTask task, String user) {
        return run.visitTasks(task.nodeKey(), task.visit()).stream()
                .anyMatch(t -> t.isOpen() && Objects.equals(t.assignee(), user));
    }

    private String activeUser(String username, String field, Locale locale) {
        return users.findByUsername(username == null ? "" : username.trim()).filter(UserAccount::enabled)
                .map(UserAccount::username).orElseThrow(() -> new ValidationException(List.of(new FieldError(field,
                        Texts.get(locale, "validation.user", username)))));
    }

    /** A comment is multi-line text: control characters and lone surrogates are refused, as in records. */
    private static void checkComment(String comment, Locale locale) {
        if (comment != null && !TextRules.hasOnlyAllowedCharacters(comment, true)) {
            throw new ValidationException(List.of(new FieldError("comment", Texts.get(locale, "flow.commentCharacters"))));
        }
    }

    private static String clip(String comment) {
        if (comment == null || comment.isBlank()) {
            return null;
        }
        return TextRules.clip(comment, 2000);
    }
}
