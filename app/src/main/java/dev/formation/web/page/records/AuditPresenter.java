package dev.formation.web.page.records;

import dev.formation.metadata.MetadataHolder;
import dev.formation.flow.FlowLabels;
import dev.formation.form.Field;
import dev.formation.form.Form;
import dev.formation.form.FormCatalog;
import dev.formation.form.PlatformColumns;
import dev.formation.core.Actor;
import dev.formation.report.ReportCatalog;
import dev.formation.security.AccessPolicy;
import dev.formation.security.Directory;
import dev.formation.security.RoleCatalog;
import dev.formation.web.page.FieldRights;
import dev.formation.web.page.Lookups;
import dev.formation.web.page.RecordPresenter;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Audit entries as the history and the operation log show them: who (and for whom a delegate
 * acted), the action in words, and each change as label: before → after, drawn like the record
 * pages draw values (option labels, names, titles). Fields the viewer's roles hide are left
 * out, so a record's history never shows what its detail page does not.
 */
@Singleton
public class AuditPresenter {

    /** What a flow's audit entries name by key: the flow, the instance, the node. */
    private static final Set<String> FLOW_KEYS = Set.of("flow", "instance", "node");

    private final MetadataHolder metadata;
    private final Lookups lookups;
    private final AccessPolicy access;
    private final Directory directory;
    private final FlowLabels flows;

    public AuditPresenter(MetadataHolder metadata, Lookups lookups, AccessPolicy access, Directory directory, FlowLabels flows) {
        this.flows = flows;
        this.metadata = metadata;
        this.lookups = lookups;
        this.access = access;
        this.directory = directory;
    }

    /** A form's presenter and the viewer's field rights on it, made once per form per page. */
    private record FormView(Form form, RecordPresenter presenter, FieldRights rights) {
    }

    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> present(List<Map<String, Object>> entries, Actor actor, Locale locale) {
        PlainChanges plain = new PlainChanges(directory.userNames(), directory.departmentNames(), roles(),
                key -> reports().report(key).map(r -> r.label().in(locale)), locale);
        Map<String, FormView> views = formViews(entries, actor, locale);
        Map<Long, FlowLabels.Labels> instances = flows.ofInstances(entries.stream()
                .map(e -> instanceOf((Map<String, Map<String, Object>>) e.get("changes"))).filter(i -> i != null)
                .toList());
        Map<String, Map<Long, String>> titles = titles(entries);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> e : entries) {
            String action = (String) e.get("action");
            FormView view = e.get("form") == null ? null : views.get((String) e.get("form"));
            Map<String, Object> item = new LinkedHashMap<>();
            String at = String.valueOf(e.get("at"));
            item.put("iso", at);
            item.put("at", at.replace('T', ' '));
            item.put("user", plain.user(e.get("user")));
            item.put("onBehalfOf", e.get("on_behalf_of") == null ? "" : plain.user(e.get("on_behalf_of")));
            item.put("action", AuditWords.actionLabel(action, locale));
            item.put("css", AuditWords.css(action));
            item.put("formLabel", view != null ? view.form().label().in(locale)
                    : e.get("form") == null ? "" : e.get("form").toString());
            item.put("recordId", e.get("record_id") == null ? "" : e.get("record_id").toString());
            item.put("recordTitle", recordTitle(e, titles));
            item.put("recordHref", view != null && e.get("record_id") != null && !"delete".equals(action)
                    ? "/forms/" + view.form().key() + "/" + e.get("record_id") : "");
            List<Map<String, Object>> changes = new ArrayList<>();
            Map<String, Map<String, Object>> stored = (Map<String, Map<String, Object>>) e.get("changes");
            // a flow's own entry (submit, approve, publish...) names it, its instance and node by key
            boolean flowEntry = action != null && action.startsWith("flow_")
                    && (stored.containsKey("instance") || e.get("form") == null);
            FlowLabels.Labels flow = flowEntry ? flowOf(stored, instances) : null;
            stored.forEach((key, pair) -> {
                Map<String, Object> change = "subject".equals(key) ? AuditWords.subject(plain, action, pair.get("after"))
                        : flowEntry && FLOW_KEYS.contains(key) ? flowChange(plain, key, pair, flow, stored, locale)
                        : change(view, plain, key, pair.get("before"), pair.get("after"), locale);
                if (change != null) {
                    change.putIfAbsent("mode", AuditWords.mode(action, change));
                    changes.add(change);
                }
            });
            item.put("changes", changes);
            out.add(item);
        }
        return out;
    }

    /** The instance a flow entry is about (stored as [null, id]), or null. */
    private static Long instanceOf(Map<String, Map<String, Object>> changes) {
        Map<String, Object> pair = changes.get("instance");
        return pair != null && pair.get("after") instanceof Number n ? n.longValue() : null;
    }

    /** The labels of the flow an entry names: those its instance ran on, else the flow's current ones. */
    private FlowLabels.Labels flowOf(Map<String, Map<String, Object>> changes,
                                     Map<Long, FlowLabels.Labels> instances) {
        Long instance = instanceOf(changes);
        if (instance != null && instances.containsKey(instance)) {
            return instances.get(instance);
        }
        Map<String, Object> pair = changes.get("flow");
        Object key = pair == null ? null : pair.get("after") != null ? pair.get("after") : pair.get("before");
        return key == null ? null : flows.ofFlow(key.toString()).orElse(null);
    }

    /**
     * A flow entry's flow, instance and node, said as people say them: the flow's label linked to
     * the instance, the node's label; the instance's number needs no line of its own.
     */
    private static Map<String, Object> flowChange(PlainChanges plain, String key, Map<String, Object> pair,
                                                  FlowLabels.Labels flow, Map<String, Map<String, Object>> changes,
                                                  Locale locale) {
        if ("instance".equals(key)) {
            return changes.containsKey("flow") ? null : single(plain, key, RecordPresenter.text("#" + pair.get("after")));
        }
        boolean removed = pair.get("after") == null;
        Object value = removed ? pair.get("before") : pair.get("after");
        if (value == null) {
            return null;
        }
        Map<String, Object> shown;
        if ("flow".equals(key)) {
            String label = flow == null ? value.toString() : flow.flow().in(locale);
            Long instance = instanceOf(changes);
            shown = instance == null ? RecordPresenter.text(label) : RecordPresenter.link(label, "/flows/" + instance, false);
        } else {
            shown = RecordPresenter.text(flow == null ? value.toString()
                    : flow.node(value.toString()).map(m -> m.in(locale)).orElse(value.toString()));
        }
        Map<String, Object> change = single(plain, key, shown);
        if (removed) {
            change.put("before", shown);
            change.put("after", RecordPresenter.empty());
            change.put("mode", "removed");
        }
        return change;
    }

    private static Map<String, Object> single(PlainChanges plain, String key, Map<String, Object> value) {
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("label", plain.label(key));
        change.put("before", RecordPresenter.empty());
        change.put("after", value);
        change.put("mode", "added");
        return change;
    }

    /** The titles of the records the entries are about, by form, one query per form (deleted ones too). */
    private Map<String, Map<Long, String>> titles(List<Map<String, Object>> entries) {
        Map<String, java.util.Set<Long>> ids = new HashMap<>();
        for (Map<String, Object> e : entries) {
            if (e.get("form") != null && e.get("record_id") instanceof Number n
                    && catalog().form(e.get("form").toString()).isPresent()) {
                ids.computeIfAbsent(e.get("form").toString(), k -> new java.util.HashSet<>()).add(n.longValue());
            }
        }
        Map<String, Map<Long, String>> out = new HashMap<>();
        ids.forEach((form, set) -> out.put(form, lookups.titles(catalog().form(form).orElseThrow(), set)));
        return out;
    }

    /** How an entry names its record: the record's title, else its number. */
    private static String recordTitle(Map<String, Object> e, Map<String, Map<Long, String>> titles) {
        if (!(e.get("record_id") instanceof Number n)) {
            return "";
        }
        String title = titles.getOrDefault(String.valueOf(e.get("form")), Map.of()).get(n.longValue());
        return title == null || title.isBlank() ? "#" + n : title;
    }

    /** For each form named, the names its changed values need, loaded at once. */
    @SuppressWarnings("unchecked")
    private Map<String, FormView> formViews(List<Map<String, Object>> entries, Actor actor, Locale locale) {
        Map<String, List<Map<String, Object>>> values = new HashMap<>();
        for (Map<String, Object> e : entries) {
            Object key = e.get("form");
            Form form = key == null ? null : catalog().form(key.toString()).orElse(null);
            if (form == null) {
                continue;
            }
            List<Map<String, Object>> list = values.computeIfAbsent(form.key(), k -> new ArrayList<>());
            ((Map<String, Map<String, Object>>) e.get("changes")).forEach((field, pair) -> {
                Map<String, Object> side = new HashMap<>();
                side.put(field, pair.get("before"));
                list.add(side);
                side = new HashMap<>();
                side.put(field, pair.get("after"));
                list.add(side);
            });
        }
        Map<String, FormView> out = new HashMap<>();
        values.forEach((key, shown) -> {
            Form form = catalog().form(key).orElseThrow();
            out.put(key, new FormView(form, new RecordPresenter(form, lookups.names(form, shown), locale),
                    new FieldRights(access.fields(actor, form))));
        });
        return out;
    }

    /** One change, or null for a field the viewer may not see. */
    private Map<String, Object> change(FormView view, PlainChanges plain, String key, Object before, Object after,
                                       Locale locale) {
        Field field = view == null ? null : view.form().field(key).orElse(null);
        Map<String, Object> change = new LinkedHashMap<>();
        if (field != null) {
            if (!view.rights().visible(field)) {
                return null;
            }
            change.put("label", field.label().in(locale));
            change.put("before", field.isTable() ? AuditWords.rows(before, locale) : view.presenter().value(field, before));
            change.put("after", field.isTable() ? AuditWords.rows(after, locale) : view.presenter().value(field, after));
        } else if (view != null && PlatformColumns.isPlatform(key)) {
            change.put("label", view.presenter().columnLabel(key));
            change.put("before", view.presenter().column(key, single(key, before)));
            change.put("after", view.presenter().column(key, single(key, after)));
        } else {
            change.put("label", plain.label(key));
            change.put("before", plain.value(key, before));
            change.put("after", plain.value(key, after));
        }
        return change;
    }

    private static Map<String, Object> single(String key, Object value) {
        Map<String, Object> record = new HashMap<>();
        record.put(key, value);
        return record;
    }

    private FormCatalog catalog() {
        return metadata.current().get(FormCatalog.class);
    }

    private RoleCatalog roles() {
        return metadata.current().get(RoleCatalog.class);
    }

    private ReportCatalog reports() {
        return metadata.current().get(ReportCatalog.class);
    }
}
