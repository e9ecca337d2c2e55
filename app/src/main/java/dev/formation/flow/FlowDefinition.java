package dev.formation.flow;

import dev.formation.form.expression.CompiledExpression;
import dev.formation.plugin.api.Message;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A compiled flow: the form and trigger it binds to, its nodes, and what each outcome does.
 * {@code versionId} is the metadata_versions row it was compiled from, which is what an
 * instance stores as its snapshot.
 */
public record FlowDefinition(String key, Message label, String form, String trigger, Message actionLabel,
                             String permission, CompiledExpression startWhen, boolean perApplicant,
                             boolean locksRecord, boolean resubmitAtReturnedNode, List<String> fallback,
                             Effects onStart, Effects onApprove, Effects onReject, Effects onWithdraw,
                             List<Cc> cc, ChangeRules changeRules, StartLimit startLimit, List<FlowNode> nodes,
                             long versionId) {

    public static final String SUBMIT = "submit";
    public static final String CHANGE_REQUEST = "change_request";

    /**
     * How many instances one submitter may start per day, week or month (seed 001: a
     * salesperson claims at most so many customers from the pool); withdrawn ones do not count.
     */
    public record StartLimit(int count, java.time.temporal.ChronoUnit per) {
    }

    /** People copied in at submit, after approval, or both. */
    public record Cc(AssigneeRule assignees, boolean atSubmit, boolean atApproval) {
    }

    /**
     * Which fields change only through a request (once {@code startWhen} holds), which of them
     * need a supporting document of which types, and which roles may change them directly.
     */
    public record ChangeRules(List<String> fields, Set<String> attachmentRequiredFor, List<String> attachmentTypes,
                              Set<String> privilegedRoles) {
    }

    public Optional<FlowNode> node(String nodeKey) {
        return nodes.stream().filter(n -> n.key().equals(nodeKey)).findFirst();
    }

    /**
     * A step as people read it: the node's label; the copies a flow sends at submit or approval
     * (kept under the step {@link FlowTask#CC}) as "cc"; any other key as itself.
     */
    public String nodeLabel(String nodeKey, java.util.Locale locale) {
        return node(nodeKey).map(n -> n.label().in(locale)).orElseGet(() -> FlowTask.CC.equals(nodeKey)
                ? dev.formation.i18n.Texts.get(locale, "flow.ccStep") : nodeKey);
    }

    /** The node that follows {@code node} when no branch or {@code next} says otherwise; empty at the end. */
    public Optional<FlowNode> after(FlowNode node) {
        if (node.next() != null) {
            return node(node.next());
        }
        int i = nodes.indexOf(node);
        return i + 1 < nodes.size() ? Optional.of(nodes.get(i + 1)) : Optional.empty();
    }

    public Optional<FlowNode> first() {
        return nodes.isEmpty() ? Optional.empty() : Optional.of(nodes.get(0));
    }

    public boolean isChangeRequest() {
        return CHANGE_REQUEST.equals(trigger);
    }

    /** Whether one of the nodes needs the submitter to choose an approver. */
    public Optional<FlowNode> chosenNode() {
        return nodes.stream().filter(n -> n.assignees() != null && n.assignees().chosenBySubmitter()).findFirst();
    }
}
