package dev.formation.flow;

import dev.formation.i18n.Texts;
import dev.formation.record.ExpressionVariables;
import dev.formation.core.FieldError;
import dev.formation.record.RecordService;
import dev.formation.core.ValidationException;
import dev.formation.security.UserAccount;
import dev.formation.security.UserRepository;
import jakarta.inject.Singleton;

import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Moves an instance through its nodes: evaluates conditions on the record as it is now (so an
 * approver's edits steer the branches still ahead), copies people in, opens approval nodes
 * with their tasks, decides when a node is complete, and finishes or returns the instance.
 */
@Singleton
public class FlowWalker {

    static final String PASSED = "passed";
    static final String LAST_APPROVERS = "last_approvers";
    static final String RETURNED_FROM = "returned_from";
    static final String CHOSEN = "assignee";
    static final String SYSTEM = "system";

    private final FlowStore store;
    private final RecordService records;
    private final AssigneeResolver resolver;
    private final FlowEffects effects;
    private final Notifications notifications;
    private final UserRepository users;

    private final Clock clock;

    public FlowWalker(FlowStore store, RecordService records, AssigneeResolver resolver, FlowEffects effects,
                      Notifications notifications, UserRepository users, Clock clock) {
        this.clock = clock;
        this.store = store;
        this.records = records;
        this.resolver = resolver;
        this.effects = effects;
        this.notifications = notifications;
        this.users = users;
    }

    Notifications notifications() {
        return notifications;
    }

    static String link(long instanceId) {
        return "/flows/" + instanceId;
    }

    /** Walks from {@code from} until a node waits for people or the flow ends. */
    void advance(FlowRun run, FlowNode from) throws SQLException {
        Optional<FlowNode> node = Optional.ofNullable(from);
        int guard = 0;
        while (node.isPresent()) {
            if (++guard > run.def.nodes().size() + 1) {
                throw new IllegalStateException("flow " + run.def.key() + " does not end");
            }
            FlowNode n = node.get();
            switch (n.type()) {
                case END -> node = Optional.empty();
                case CONDITION -> node = branch(run, n);
                case CC -> {
                    copyIn(run, n.assignees(), n.key());
                    node = run.def.after(n);
                }
                case APPROVAL -> {
                    if (!open(run, n)) {
                        run.currentNode = n.key();
                        return;
                    }
                    node = approved(run, n);
                }
                default -> throw new IllegalStateException("unknown node type " + n.type());
            }
        }
        finish(run);
    }

    /** After an action on a node's task: continue, wait, or (a lost vote) return the instance. */
    void continueAfter(FlowRun run, FlowNode node, int visit) throws SQLException {
        run.reloadTasks();
        Outcome outcome = evaluate(run, node, visit);
        if (outcome == Outcome.APPROVED) {
            advance(run, approved(run, node).orElse(null));
        } else if (outcome == Outcome.REJECTED) {
            returnToSubmitter(run, node);
        }
    }

    /** The nodes the instance would pass from {@code from}, conditions evaluated on the record as it is. */
    List<FlowNode> route(FlowDefinition def, FlowNode from, Map<String, Object> record, String submitter) {
        List<FlowNode> out = new ArrayList<>();
        Optional<FlowNode> node = Optional.ofNullable(from);
        while (node.isPresent() && out.size() <= def.nodes().size()) {
            FlowNode n = node.get();
            if (n.type() == FlowNode.Type.END) {
                break;
            }
            out.add(n);
            node = n.type() == FlowNode.Type.CONDITION ? branch(def, n, variables(def, record, submitter), clock)
                    : def.after(n);
        }
        return out;
    }

    private Optional<FlowNode> branch(FlowRun run, FlowNode node) {
        Map<String, Object> record = new LinkedHashMap<>(records.stored(run.form(), run.recordId()));
        overlayProposal(run, record);
        return branch(run.def, node, variables(run.def, record, run.submitter()), clock);
    }

    private static Optional<FlowNode> branch(FlowDefinition def, FlowNode node, Map<String, Object> vars, Clock clock) {
        for (FlowNode.Branch b : node.branches()) {
            if (b.when().test(vars, clock)) {
                return def.node(b.next());
            }
        }
        return node.otherwise() != null ? def.node(node.otherwise()) : def.after(node);
    }

    /** A change request's conditions look at the record as it would be once approved. */
    @SuppressWarnings("unchecked")
    private static void overlayProposal(FlowRun run, Map<String, Object> record) {
        if (run.payload.get(FlowEffects.CHANGES) instanceof Map<?, ?> changes) {
            ((Map<String, Object>) changes).forEach((k, pair) -> record.put(k, ((List<Object>) pair).get(1)));
        }
    }

    private Map<String, Object> variables(FlowDefinition def, Map<String, Object> record, String submitter) {
        Map<String, Object> vars = ExpressionVariables.of(records.form(def.form()), record, null);
        Optional<UserAccount> user = users.findByUsername(submitter);
        Map<String, Object> who = new LinkedHashMap<>();
        who.put("username", submitter);
        who.put("name", user.map(UserAccount::name).orElse(submitter));
        who.put("department", user.map(UserAccount::department).orElse(""));
        who.put("roles", user.map(UserAccount::roleList).orElse(List.of()));
        vars.put("$submitter", who);
        return vars;
    }

    /** The people of an approval node for this instance: resolved, self-approval applied, else the fallback. */
    List<String> assignees(FlowDefinition def, FlowNode node, Map<String, Object> record, String submitter,
                           String chosen) {
        List<String> people = new ArrayList<>(resolver.resolve(node.assignees(), submitter, record, chosen));
        if (node.selfApproval() == FlowNode.SelfApproval.SUPERVISOR && people.contains(submitter)) {
            List<String> up = resolver.supervisors(submitter, 1);
            people.remove(submitter);
            up.stream().filter(u -> !people.contains(u)).forEach(people::add);
        }
        if (people.isEmpty()) {
            people.addAll(def.fallback());
        }
        return people;
    }

    /** Opens a new visit of an approval node; true when it is already complete (every approver auto-approved). */
    private boolean open(FlowRun run, FlowNode node) throws SQLException {
        Map<String, Object> record = records.stored(run.form(), run.recordId());
        List<String> people = assignees(run.def, node, record, run.submitter(), (String) run.payload.get(CHOSEN));
        if (people.isEmpty()) {
            throw new ValidationException(List.of(new FieldError(CHOSEN,
                    Texts.get(run.locale, "flow.noAssignee", node.label().in(run.locale)))));
        }
        int visit = run.lastVisit(node.key()) + 1;
        java.time.LocalDateTime due = node.timeout() == null ? null
                : run.now.plusMinutes(Math.round(node.timeout().hours() * 60));
        Set<String> lastApprovers = new LinkedHashSet<>(run.listOf(LAST_APPROVERS));
        List<Long> automatic = new ArrayList<>();
        for (int i = 0; i < people.size(); i++) {
            int step = node.mode() == FlowNode.Mode.SEQUENTIAL ? i : 0;
            String person = people.get(i);
            long id = store.insertTask(run.id(), node.key(), visit, step, FlowTask.APPROVAL, person,
                    step == 0 ? FlowTask.PENDING : FlowTask.WAITING, null, run.now, due);
            boolean self = person.equals(run.submitter()) && node.selfApproval() == FlowNode.SelfApproval.AUTO;
            // the same approver twice in a row approves once (and a submitter need not approve their own request)
            if (self || (lastApprovers.contains(person) && node.mode() != FlowNode.Mode.VOTE)) {
                store.finishTask(id, FlowTask.APPROVED, SYSTEM, null, null, run.now);
                store.event(run.id(), person, null, "auto_approve", node.key(), id, null,
                        Map.of("reason", self ? "submitter" : "repeated"), run.now);
                automatic.add(id);
            }
        }
        run.reloadTasks();
        Outcome outcome = evaluate(run, node, visit);
        if (outcome == Outcome.OPEN) {
            for (FlowTask t : run.visitTasks(node.key(), visit)) {
                if (t.isPending() && !automatic.contains(t.id())) {
                    notifyTask(run, t);
                }
            }
        }
        return outcome == Outcome.APPROVED;
    }

    enum Outcome { APPROVED, REJECTED, OPEN }

    /**
     * Whether a node's visit is decided. Steps run in order (sequential approvers, approvers
     * added before or after); within a step, any one approval (或签) or all of them (会签)
     * decides, and approvers added in parallel must approve as well. A vote passes at its ratio
     * and fails once the ratio is out of reach. Opens the next step's tasks as it goes.
     */
    Outcome evaluate(FlowRun run, FlowNode node, int visit) throws SQLException {
        List<FlowTask> tasks = run.visitTasks(node.key(), visit).stream()
                .filter(t -> !FlowTask.TRANSFERRED.equals(t.status()) && !FlowTask.CANCELLED.equals(t.status())).toList();
        if (node.mode() == FlowNode.Mode.VOTE) {
            long yes = tasks.stream().filter(t -> FlowTask.APPROVED.equals(t.status())).count();
            long open = tasks.stream().filter(FlowTask::isOpen).count();
            double needed = node.passRatio() * tasks.size();
            if (yes >= needed - 1e-9) {
                cancelOpen(run, tasks);
                return Outcome.APPROVED;
            }
            if (yes + open < needed - 1e-9) {
                cancelOpen(run, tasks);
                return Outcome.REJECTED;
            }
            return Outcome.OPEN;
        }
        List<Integer> steps = tasks.stream().map(FlowTask::step).distinct().sorted().toList();
        for (int step : steps) {
            List<FlowTask> stepTasks = tasks.stream().filter(t -> t.step() == step).toList();
            if (!stepComplete(stepTasks, node.mode())) {
                for (FlowTask t : stepTasks) {
                    if (FlowTask.WAITING.equals(t.status())) {
                        store.setTaskStatus(t.id(), FlowTask.PENDING, t.dueAt() == null ? null
                                : run.now.plusMinutes(java.time.Duration.between(t.createdAt(), t.dueAt()).toMinutes()));
                        notifyTask(run, t);
                    }
                }
                run.reloadTasks();
                return Outcome.OPEN;
            }
            cancelOpen(run, stepTasks);
        }
        return Outcome.APPROVED;
    }

    private static boolean stepComplete(List<FlowTask> stepTasks, FlowNode.Mode mode) {
        List<FlowTask> parallel = stepTasks.stream().filter(t -> "parallel".equals(t.added())).toList();
        List<FlowTask> base = stepTasks.stream().filter(t -> !"parallel".equals(t.added())).toList();
        boolean parallelDone = parallel.stream().allMatch(t -> FlowTask.APPROVED.equals(t.status()));
        boolean baseDone = base.isEmpty() || (mode == FlowNode.Mode.ALL
                ? base.stream().allMatch(t -> FlowTask.APPROVED.equals(t.status()))
                : base.stream().anyMatch(t -> FlowTask.APPROVED.equals(t.status())));
        return parallelDone && baseDone;
    }

    private void cancelOpen(FlowRun run, List<FlowTask> tasks) throws SQLException {
        for (FlowTask t : tasks) {
            if (t.isOpen()) {
                store.finishTask(t.id(), FlowTask.CANCELLED, null, null, null, run.now);
            }
        }
        run.reloadTasks();
    }

    /** A node's visit was approved: its effects, and who approved it (so they are not asked again next). */
    private Optional<FlowNode> approved(FlowRun run, FlowNode node) throws SQLException {
        int visit = run.lastVisit(node.key());
        List<String> approvers = run.visitTasks(node.key(), visit).stream()
                .filter(t -> FlowTask.APPROVED.equals(t.status())).map(FlowTask::assignee).distinct().toList();
        run.payload.put(LAST_APPROVERS, approvers);
        List<String> passed = run.listOf(PASSED);
        if (!passed.contains(node.key())) {
            passed.add(node.key());
        }
        run.payload.put(PASSED, passed);
        effects.apply(run, node.onApprove(), "flow_node");
        return run.def.after(node);
    }

    private void finish(FlowRun run) throws SQLException {
        effects.apply(run, run.def.onApprove(), "flow_approved");
        for (FlowDefinition.Cc cc : run.def.cc()) {
            if (cc.atApproval()) {
                copyIn(run, cc.assignees(), null);
            }
        }
        run.status = FlowInstance.APPROVED;
        run.currentNode = null;
        run.endedAt = run.now;
        store.releaseLocks(run.id());
        store.event(run.id(), SYSTEM, null, "approved", null, null, null, null, run.now);
        if (!run.submitter().equals(run.actor.username()) || run.def.nodes().stream().anyMatch(FlowNode::isApproval)) {
            notifications.send(run.submitter(), "approved", link(run.id()), run.id(), run.now, run.def.label(),
                    title(run));
        }
    }

    /** Sends the instance back to its submitter: open tasks closed, reject effects, lock freed. */
    void returnToSubmitter(FlowRun run, FlowNode node) throws SQLException {
        cancelOpen(run, run.openApprovalTasks());
        effects.apply(run, node.onReject(), "flow_node");
        effects.apply(run, run.def.onReject(), "flow_returned");
        run.status = FlowInstance.RETURNED;
        run.payload.put(RETURNED_FROM, node.key());
        run.currentNode = node.key();
        store.releaseLocks(run.id());
        store.event(run.id(), SYSTEM, null, "returned", node.key(), null, null, null, run.now);
        notifications.send(run.submitter(), "returned", link(run.id()), run.id(), run.now, run.def.label(),
                title(run), node.label());
    }

    /** Copies people in: a cc task each (their 抄送我的 box) and a notification. */
    void copyIn(FlowRun run, AssigneeRule rule, String nodeKey) throws SQLException {
        Map<String, Object> record = records.stored(run.form(), run.recordId());
        for (String person : resolver.resolve(rule, run.submitter(), record, null)) {
            store.insertTask(run.id(), nodeKey == null ? FlowTask.CC : nodeKey, 1, 0, FlowTask.CC, person, "cc", null,
                    run.now, null);
            notifications.send(person, "cc", link(run.id()), run.id(), run.now, run.def.label(), title(run),
                    new Notifications.Person(run.submitter()));
        }
        run.reloadTasks();
    }

    void notifyTask(FlowRun run, FlowTask task) throws SQLException {
        notifications.send(task.assignee(), "task", link(run.id()), run.id(), run.now, run.def.label(),
                title(run), new Notifications.Person(run.submitter()));
    }

    static String title(FlowRun run) {
        return run.instance().title() == null ? "#" + run.recordId() : run.instance().title();
    }
}
