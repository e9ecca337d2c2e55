package dev.formation.flow;

import dev.formation.form.Field;
import dev.formation.form.FieldScope;
import dev.formation.form.FieldType;
import dev.formation.form.Form;
import dev.formation.form.FormCatalog;
import dev.formation.form.expression.CompiledExpression;
import dev.formation.form.expression.ExpressionException;
import dev.formation.form.expression.Expressions;
import dev.formation.form.expression.ValueType;
import dev.formation.metadata.MetadataException;
import dev.formation.plugin.api.Message;
import dev.formation.security.RoleCatalog;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a flow document (already valid against its meta-schema) into a {@link FlowDefinition}
 * and checks what the meta-schema cannot: the form, its fields and statuses, the roles, node
 * keys, that branches only jump forward (so every instance ends), and the expressions.
 */
final class FlowCompiler {

    /** Context variables a flow's expressions may use besides the record's fields. */
    static final Map<String, ValueType> CONTEXT = Map.of(
            "$submitter", ValueType.OBJECT, "$submitter.username", ValueType.STRING,
            "$submitter.department", ValueType.STRING, "$submitter.roles", ValueType.LIST,
            "$submitter.name", ValueType.STRING);

    private final FormCatalog forms;
    private final RoleCatalog roles;

    FlowCompiler(FormCatalog forms, RoleCatalog roles) {
        this.forms = forms;
        this.roles = roles;
    }

    FlowDefinition compile(String source, Map<String, Object> c, long versionId) {
        return new Job(source, c).compile(versionId);
    }

    private final class Job {
        private final String source;
        private final Map<String, Object> c;
        private Form form;
        private FieldScope scope;

        Job(String source, Map<String, Object> c) {
            this.source = source;
            this.c = c;
        }

        @SuppressWarnings("unchecked")
        FlowDefinition compile(long versionId) {
            String formKey = (String) c.get("form");
            form = forms.form(formKey).orElseThrow(() -> fail("/form", "no form named '" + formKey + "'"));
            scope = FieldScope.of(form, CONTEXT);
            String trigger = (String) c.get("trigger");
            String permission = (String) c.getOrDefault("permission",
                    FlowDefinition.SUBMIT.equals(trigger) ? "update" : trigger);
            List<FlowNode> nodes = nodes();
            FlowDefinition.ChangeRules rules = changeRules();
            if (FlowDefinition.CHANGE_REQUEST.equals(trigger) && rules == null) {
                throw fail("/changeRequest", "a change_request flow must say which fields it governs");
            }
            List<FlowDefinition.Cc> cc = new ArrayList<>();
            List<Map<String, Object>> rawCc = (List<Map<String, Object>>) c.getOrDefault("cc", List.of());
            for (int i = 0; i < rawCc.size(); i++) {
                String when = (String) rawCc.get(i).getOrDefault("when", "approved");
                cc.add(new FlowDefinition.Cc(assignees((Map<String, Object>) rawCc.get(i).get("assignees"),
                        "/cc/" + i + "/assignees"), !"approved".equals(when), !"submit".equals(when)));
            }
            return new FlowDefinition((String) c.get("key"), text(c.get("label")), form.key(), trigger,
                    c.get("actionLabel") == null ? text(c.get("label")) : text(c.get("actionLabel")), permission,
                    expression(c.get("startWhen"), "/startWhen"), "applicant".equals(c.get("exclusive")),
                    (Boolean) c.getOrDefault("locksRecord", FlowDefinition.SUBMIT.equals(trigger)),
                    "returned".equals(c.get("resubmit")), (List<String>) c.getOrDefault("fallback", List.of()),
                    effects(c.get("onStart"), "/onStart"), effects(c.get("onApprove"), "/onApprove"),
                    effects(c.get("onReject"), "/onReject"), effects(c.get("onWithdraw"), "/onWithdraw"),
                    List.copyOf(cc), rules, startLimit(), nodes, versionId);
        }

        @SuppressWarnings("unchecked")
        private List<FlowNode> nodes() {
            List<Map<String, Object>> raw = (List<Map<String, Object>>) c.get("nodes");
            Map<String, Integer> index = new LinkedHashMap<>();
            for (int i = 0; i < raw.size(); i++) {
                String key = (String) raw.get(i).get("key");
                if (index.putIfAbsent(key, i) != null) {
                    throw fail("/nodes/" + i + "/key", "two nodes are named '" + key + "'");
                }
            }
            List<FlowNode> out = new ArrayList<>();
            for (int i = 0; i < raw.size(); i++) {
                out.add(node(raw.get(i), "/nodes/" + i, i, index));
            }
            return List.copyOf(out);
        }

        @SuppressWarnings("unchecked")
        private FlowNode node(Map<String, Object> n, String at, int position, Map<String, Integer> index) {
            FlowNode.Type type = FlowNode.Type.valueOf(((String) n.get("type")).toUpperCase(java.util.Locale.ROOT));
            AssigneeRule assignees = n.get("assignees") == null ? null
                    : assignees((Map<String, Object>) n.get("assignees"), at + "/assignees");
            if ((type == FlowNode.Type.APPROVAL || type == FlowNode.Type.CC) && assignees == null) {
                throw fail(at, "an " + type.name().toLowerCase(java.util.Locale.ROOT) + " node needs assignees");
            }
            FlowNode.Mode mode = n.get("mode") == null ? FlowNode.Mode.ANY
                    : FlowNode.Mode.valueOf(((String) n.get("mode")).toUpperCase(java.util.Locale.ROOT));
            double passRatio = n.get("passRatio") == null ? 0 : ((Number) n.get("passRatio")).doubleValue();
            if (mode == FlowNode.Mode.VOTE && passRatio <= 0) {
                throw fail(at, "a vote node needs passRatio, the share of votes that approves (e.g. 0.6)");
            }
            List<String> editable = fieldList((List<String>) n.getOrDefault("editableFields", List.of()),
                    at + "/editableFields");
            for (String key : editable) {
                if (form.field(key).map(Field::isSystemSet).orElse(false)) {
                    throw fail(at + "/editableFields", "'" + key + "' is set by the system; an approver cannot edit it");
                }
            }
            List<String> required = fieldList((List<String>) n.getOrDefault("requiredFields", List.of()),
                    at + "/requiredFields");
            if (!editable.containsAll(required)) {
                throw fail(at + "/requiredFields", "an approver can only be asked to fill fields they may edit");
            }
            FlowNode.SelfApproval self = n.get("selfApproval") == null ? FlowNode.SelfApproval.AUTO
                    : FlowNode.SelfApproval.valueOf(((String) n.get("selfApproval")).toUpperCase(java.util.Locale.ROOT));
            FlowNode.Timeout timeout = null;
            if (n.get("timeout") instanceof Map<?, ?> t) {
                timeout = new FlowNode.Timeout(((Number) t.get("hours")).doubleValue(),
                        FlowNode.TimeoutAction.valueOf(((String) t.get("action")).toUpperCase(java.util.Locale.ROOT)));
            }
            List<FlowNode.Branch> branches = new ArrayList<>();
            List<Map<String, Object>> rawBranches = (List<Map<String, Object>>) n.getOrDefault("branches", List.of());
            if (type == FlowNode.Type.CONDITION && rawBranches.isEmpty()) {
                throw fail(at, "a condition node needs branches");
            }
            for (int b = 0; b < rawBranches.size(); b++) {
                String target = (String) rawBranches.get(b).get("next");
                forward(target, position, index, at + "/branches/" + b + "/next");
                branches.add(new FlowNode.Branch(expression(rawBranches.get(b).get("when"),
                        at + "/branches/" + b + "/when"), target));
            }
            String otherwise = (String) n.get("otherwise");
            String next = (String) n.get("next");
            if (otherwise != null) {
                forward(otherwise, position, index, at + "/otherwise");
            }
            if (next != null) {
                forward(next, position, index, at + "/next");
            }
            return new FlowNode((String) n.get("key"), n.get("label") == null ? Message.of(Map.of("zh-CN",
                    (String) n.get("key"))) : text(n.get("label")), type, assignees, mode, passRatio, editable,
                    required, self, timeout, effects(n.get("onApprove"), at + "/onApprove"),
                    effects(n.get("onReject"), at + "/onReject"), List.copyOf(branches), otherwise, next);
        }

        /** Jumps go forward only: a flow without loops always reaches its end. */
        private void forward(String target, int position, Map<String, Integer> index, String at) {
            Integer to = index.get(target);
            if (to == null) {
                throw fail(at, "no node named '" + target + "'");
            }
            if (to <= position) {
                throw fail(at, "'" + target + "' comes before this node; a flow may only jump forward");
            }
        }

        @SuppressWarnings("unchecked")
        private AssigneeRule assignees(Map<String, Object> a, String at) {
            Map.Entry<String, Object> e = a.entrySet().iterator().next();
            Object v = e.getValue();
            return switch (e.getKey()) {
                case "users" -> new AssigneeRule(AssigneeRule.Kind.USERS, List.copyOf((List<String>) v), null, 0);
                case "role" -> new AssigneeRule(AssigneeRule.Kind.ROLE, List.of(), role((String) v, at + "/role"), 0);
                case "chooseFromRole" -> new AssigneeRule(AssigneeRule.Kind.CHOOSE_FROM_ROLE, List.of(),
                        role((String) v, at + "/chooseFromRole"), 0);
                case "supervisor" -> new AssigneeRule(AssigneeRule.Kind.SUPERVISOR, List.of(), null, ((Number) v).intValue());
                case "supervisors" -> new AssigneeRule(AssigneeRule.Kind.SUPERVISORS, List.of(), null,
                        ((Number) v).intValue());
                case "departmentLeader" -> {
                    String of = (String) v;
                    if (!"submitter".equals(of) && !"owner".equals(of)) {
                        Field f = form.field(of).orElseThrow(() -> fail(at + "/departmentLeader",
                                "form '" + form.key() + "' has no field '" + of + "'"));
                        if (f.type() != FieldType.DEPARTMENT) {
                            throw fail(at + "/departmentLeader", "'" + of + "' is not a department field");
                        }
                    }
                    yield new AssigneeRule(AssigneeRule.Kind.DEPARTMENT_LEADER, List.of(), of, 0);
                }
                case "field" -> {
                    String key = (String) v;
                    Field f = form.field(key).orElseThrow(() -> fail(at + "/field",
                            "form '" + form.key() + "' has no field '" + key + "'"));
                    if (f.type() != FieldType.USER) {
                        throw fail(at + "/field", "'" + key + "' is not a user field");
                    }
                    yield new AssigneeRule(AssigneeRule.Kind.FIELD, List.of(), key, 0);
                }
                default -> throw fail(at, "unknown assignee rule '" + e.getKey() + "'");
            };
        }

        private String role(String key, String at) {
            if (roles.role(key).isEmpty()) {
                throw fail(at, "no role named '" + key + "'");
            }
            return key;
        }

        @SuppressWarnings("unchecked")
        private Effects effects(Object raw, String at) {
            if (!(raw instanceof Map<?, ?>)) {
                return Effects.NONE;
            }
            Map<String, Object> m = (Map<String, Object>) raw;
            String status = (String) m.get("status");
            if (status != null) {
                Field statusField = form.statusField().orElseThrow(() -> fail(at + "/status",
                        "form '" + form.key() + "' has no status field with options"));
                if (statusField.option(status) == null) {
                    throw fail(at + "/status", "'" + status + "' is not a status of form '" + form.key() + "'");
                }
            }
            Map<String, Object> fields = (Map<String, Object>) m.getOrDefault("fields", Map.of());
            fieldList(new ArrayList<>(fields.keySet()), at + "/fields");
            fields.forEach((key, value) -> {
                if (value instanceof String s && s.startsWith("$") && !Effects.TOKENS.contains(s)) {
                    throw fail(at + "/fields/" + key, "unknown value '" + s + "'; use one of " + Effects.TOKENS);
                }
                if (form.field(key).map(f -> f.type().isGenerated()).orElse(false)) {
                    throw fail(at + "/fields/" + key, "'" + key + "' is computed or numbered; a flow cannot set it");
                }
            });
            // null clears a field (e.g. the owner of a customer released to the pool)
            Map<String, Object> values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
            return new Effects(status, values, Boolean.TRUE.equals(m.get("applyChanges")),
                    "submitter".equals(m.get("addOwner")), "submitter".equals(m.get("assignOwner")),
                    Boolean.TRUE.equals(m.get("removeAddedOwners")));
        }

        private FlowDefinition.StartLimit startLimit() {
            if (!(c.get("startLimit") instanceof Map<?, ?> m)) {
                return null;
            }
            java.time.temporal.ChronoUnit per = switch ((String) m.get("per")) {
                case "week" -> java.time.temporal.ChronoUnit.WEEKS;
                case "month" -> java.time.temporal.ChronoUnit.MONTHS;
                default -> java.time.temporal.ChronoUnit.DAYS;
            };
            return new FlowDefinition.StartLimit(((Number) m.get("count")).intValue(), per);
        }

        @SuppressWarnings("unchecked")
        private FlowDefinition.ChangeRules changeRules() {
            if (!(c.get("changeRequest") instanceof Map<?, ?>)) {
                return null;
            }
            Map<String, Object> m = (Map<String, Object>) c.get("changeRequest");
            List<String> fields = fieldList((List<String>) m.get("fields"), "/changeRequest/fields");
            Set<String> needAttachment = new LinkedHashSet<>(fieldList(
                    (List<String>) m.getOrDefault("attachmentRequiredFor", List.of()), "/changeRequest/attachmentRequiredFor"));
            if (!fields.containsAll(needAttachment)) {
                throw fail("/changeRequest/attachmentRequiredFor", "every field listed here must be in fields");
            }
            Set<String> privileged = new HashSet<>();
            for (String r : (List<String>) m.getOrDefault("privilegedRoles", List.of())) {
                privileged.add(role(r, "/changeRequest/privilegedRoles"));
            }
            List<String> types = (List<String>) m.getOrDefault("attachmentTypes",
                    List.of(".jpg", ".jpeg", ".png", ".gif", ".doc", ".docx", ".pdf"));
            return new FlowDefinition.ChangeRules(fields, needAttachment, List.copyOf(types), privileged);
        }

        private List<String> fieldList(List<String> keys, String at) {
            for (String key : keys) {
                if (!form.hasField(key)) {
                    throw fail(at, "form '" + form.key() + "' has no field '" + key + "'");
                }
            }
            return List.copyOf(keys);
        }

        private CompiledExpression expression(Object sourceText, String at) {
            if (sourceText == null) {
                return null;
            }
            try {
                return Expressions.compile((String) sourceText, scope);
            } catch (ExpressionException e) {
                throw fail(at, e.getMessage());
            }
        }

        @SuppressWarnings("unchecked")
        private Message text(Object raw) {
            return Message.of((Map<String, String>) raw);
        }

        private MetadataException fail(String path, String reason) {
            return new MetadataException(source, path, reason);
        }
    }
}
