package dev.formation.web.page.flows;

import dev.formation.form.Field;
import dev.formation.form.Form;
import dev.formation.i18n.Texts;
import dev.formation.web.page.FlowFormat;
import dev.formation.web.page.Lookups;
import dev.formation.web.page.RecordPresenter;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How an instance's history reads on its page: the change set's before and after shown like
 * the record's values, the attachments, the route with each node's state, the tasks, and the
 * timeline with who acted (for whom), where, and what they added, chose or returned.
 */
@Singleton
public class FlowTimeline {

    private final Lookups lookups;

    public FlowTimeline(Lookups lookups) {
        this.lookups = lookups;
    }

    static List<Map<String, Object>> changes(Form form, List<Map<String, Object>> changes,
                                                     RecordPresenter presenter) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> c : changes) {
            Field field = form.field((String) c.get("field")).orElse(null);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("label", c.get("label"));
            m.put("before", field == null ? display(c.get("before")) : presenter.value(field, c.get("before")));
            m.put("after", field == null ? display(c.get("after")) : presenter.value(field, c.get("after")));
            out.add(m);
        }
        return out;
    }

    private static Map<String, Object> display(Object value) {
        return value == null ? RecordPresenter.empty() : RecordPresenter.text(value.toString());
    }

    static List<Map<String, Object>> files(List<Object> attachments) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object a : attachments) {
            if (a instanceof Map<?, ?> m && m.get("id") != null) {
                String fileId = m.get("id").toString();
                out.add(Map.of("name", m.get("name") == null ? fileId : m.get("name").toString(),
                        "href", "/api/files/" + fileId));
            }
        }
        return out;
    }

    static List<Map<String, Object>> nodes(List<Map<String, Object>> nodes, Locale locale) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> n : nodes) {
            String state = (String) n.get("state");
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("label", n.get("label"));
            m.put("type", Texts.get(locale, "page.flow.nodeType." + n.get("type")));
            m.put("state", state);
            m.put("stateText", FlowFormat.nodeState(state, locale));
            out.add(m);
        }
        return out;
    }

    static List<Map<String, Object>> tasks(List<Map<String, Object>> tasks, Map<String, String> users,
                                                   Locale locale) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> t : tasks) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("node", t.get("node_label"));
            m.put("cc", "cc".equals(t.get("kind")));
            m.put("assignee", FlowFormat.person((String) t.get("assignee"), users, locale));
            m.put("status", FlowFormat.taskStatus((String) t.get("status"), locale));
            String actedBy = (String) t.get("acted_by");
            String onBehalfOf = (String) t.get("on_behalf_of");
            m.put("actedBy", actedBy == null || actedBy.equals(t.get("assignee")) && onBehalfOf == null ? ""
                    : FlowFormat.person(actedBy, users, locale));
            m.put("onBehalfOf", onBehalfOf == null ? "" : FlowFormat.person(onBehalfOf, users, locale));
            m.put("added", t.get("added") == null ? "" : Texts.get(locale, "page.flow.position." + t.get("added")));
            m.put("comment", t.get("comment") == null ? "" : t.get("comment"));
            m.put("created", FlowFormat.time(t.get("created_at")));
            m.put("acted", FlowFormat.time(t.get("acted_at")));
            m.put("due", "pending".equals(t.get("status")) ? FlowFormat.time(t.get("due_at")) : "");
            out.add(m);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> events(List<Map<String, Object>> events, Map<String, Object> view, Form form,
                                             Map<String, String> users, Locale locale) {
        Map<String, String> nodeLabels = new LinkedHashMap<>();
        for (Map<String, Object> n : (List<Map<String, Object>>) view.get("nodes")) {
            nodeLabels.put((String) n.get("key"), (String) n.get("label"));
        }
        List<String> fileIds = new ArrayList<>();
        for (Map<String, Object> e : events) {
            if (e.get("details") instanceof Map<?, ?> d && d.get("attachments") instanceof List<?> l) {
                l.forEach(a -> fileIds.add(a instanceof Map<?, ?> m ? String.valueOf(m.get("id")) : String.valueOf(a)));
            }
        }
        var stored = lookups.files(fileIds);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> e : events) {
            String action = (String) e.get("action");
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("at", FlowFormat.time(e.get("at")));
            m.put("iso", String.valueOf(e.get("at")));
            m.put("action", FlowFormat.action(action, locale));
            m.put("css", switch (action) {
                case "approve", "approved", "auto_approve", "timeout_approve" -> "is-success is-light";
                case "reject", "returned", "timeout_reject" -> "is-danger is-light";
                case "withdraw" -> "is-dark is-light";
                case "comment" -> "is-info is-light";
                default -> "is-light";
            });
            m.put("who", FlowFormat.person((String) e.get("username"), users, locale));
            m.put("onBehalfOf", e.get("on_behalf_of") == null ? ""
                    : FlowFormat.person((String) e.get("on_behalf_of"), users, locale));
            String node = (String) e.get("node");
            m.put("node", node == null ? "" : nodeLabels.getOrDefault(node, node));
            m.put("comment", e.get("comment") == null ? "" : e.get("comment"));
            List<String> notes = new ArrayList<>();
            List<Map<String, Object>> files = new ArrayList<>();
            if (e.get("details") instanceof Map<?, ?> d) {
                if (d.get("to") instanceof String to) {
                    String who = "transfer".equals(action) ? FlowFormat.person(to, users, locale)
                            : "submitter".equals(to) ? Texts.get(locale, "page.flow.submitter")
                            : nodeLabels.getOrDefault(to, to);
                    notes.add(Texts.get(locale, "transfer".equals(action) ? "page.flow.note.transferTo"
                            : "page.flow.note.returnTo", who));
                }
                if (d.get("users") instanceof List<?> added) {
                    notes.add(Texts.get(locale, "page.flow.note.added", String.join("、", added.stream()
                            .map(u -> FlowFormat.person(String.valueOf(u), users, locale)).toList()),
                            Texts.get(locale, "page.flow.position." + d.get("position"))));
                }
                if (d.get("assignee") instanceof String chosen) {
                    notes.add(Texts.get(locale, "page.flow.note.chosen", FlowFormat.person(chosen, users, locale)));
                }
                if (d.get("fields") instanceof Map<?, ?> fields && !fields.isEmpty()) {
                    notes.add(Texts.get(locale, "page.flow.note.fields", String.join("、", fields.keySet().stream()
                            .map(k -> form.field(String.valueOf(k)).map(f -> f.label().in(locale))
                                    .orElse(String.valueOf(k))).toList())));
                }
                if (d.get("attachments") instanceof List<?> l) {
                    for (Object a : l) {
                        String fileId = a instanceof Map<?, ?> am ? String.valueOf(am.get("id")) : String.valueOf(a);
                        String name = a instanceof Map<?, ?> am && am.get("name") != null ? am.get("name").toString()
                                : stored.containsKey(fileId) ? stored.get(fileId).name() : fileId;
                        files.add(Map.of("name", name, "href", "/api/files/" + fileId));
                    }
                }
            }
            m.put("notes", notes);
            m.put("files", files);
            out.add(m);
        }
        return out;
    }

}
