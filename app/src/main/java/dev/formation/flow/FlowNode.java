package dev.formation.flow;

import dev.formation.form.expression.CompiledExpression;
import dev.formation.plugin.api.Message;

import java.util.List;

/**
 * One step of a flow. Approval nodes create tasks, cc nodes copy people in, condition nodes
 * pick the next node from the first branch whose expression holds, end nodes finish approved.
 * Without {@code next}, a node is followed by the one after it in the file.
 */
public record FlowNode(String key, Message label, Type type, AssigneeRule assignees, Mode mode, double passRatio,
                       List<String> editableFields, List<String> requiredFields, SelfApproval selfApproval,
                       Timeout timeout, Effects onApprove, Effects onReject, List<Branch> branches, String otherwise,
                       String next) {

    public enum Type { APPROVAL, CC, CONDITION, END }

    /** 或签 any one; 会签 all; one after another; 票签 a share of votes. */
    public enum Mode { ANY, ALL, SEQUENTIAL, VOTE }

    /** When the approver is the submitter: approve at once, go to their supervisor, or leave it. */
    public enum SelfApproval { AUTO, SUPERVISOR, KEEP }

    public enum TimeoutAction { REMIND, APPROVE, REJECT }

    public record Timeout(double hours, TimeoutAction action) {
    }

    public record Branch(CompiledExpression when, String next) {
    }

    public boolean isApproval() {
        return type == Type.APPROVAL;
    }
}
