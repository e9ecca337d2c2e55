package dev.formation.web.page;

import dev.formation.form.Field;
import dev.formation.form.Form;
import dev.formation.form.FormCatalog;
import dev.formation.form.PlatformColumns;
import dev.formation.i18n.Texts;
import dev.formation.record.Actor;
import dev.formation.security.AccessPolicy;
import dev.formation.security.Directory;
import dev.formation.security.RoleCatalog;
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

    private static final Map<String, String> ACTION_CSS = Map.of("create", "is-success is-light",
            "update", "is-info is-light", "delete", "is-danger is-light", "share", "is-link is-light",
            "unshare", "is-link is-light", "add_owner", "is-warning is-light");
    /** Actions whose changes only add or only remove, where "- →" would say nothing. */
    private static final Set<String> ONE_SIDED = Set.of("create", "delete", "share", "unshare", "add_owner",
            "create_user", "create_department", "delegate", "revoke_delegation", "export", "set_password");

    private final FormCatalog catalog;
    private final Lookups lookups;
    private final AccessPolicy access;
    private final Directory directory;
    private final RoleCatalog roles;

    public AuditPresenter(FormCatalog catalog, Lookups lookups, AccessPolicy access, Directory directory,
                          RoleCatalog roles) {
        this.catalog = catalog;
        this.lookups = lookups;
        this.access = access;
        this.directory = directory;
        this.roles = roles;
    }

    /** A form's presenter and the viewer's field rights on it, made once per form per page. */
    private record FormView(Form form, RecordPresenter presenter, FieldRights rights) {
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> present(List<Map<String, Object>> entries, Actor actor, Locale locale) {
        PlainChanges plain = new PlainChanges(directory.userNames(), directory.departmentNames(), roles, locale);
        Map<String, FormView> views = formViews(entries, actor, locale);
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
            item.put("action", actionLabel(action, locale));
            item.put("css", ACTION_CSS.getOrDefault(action, ""));
            item.put("formLabel", view != null ? view.form().label().in(locale)
                    : e.get("form") == null ? "" : e.get("form").toString());
            item.put("recordId", e.get("record_id") == null ? "" : e.get("record_id").toString());
            item.put("recordHref", view != null && e.get("record_id") != null && !"delete".equals(action)
                    ? "/forms/" + view.form().key() + "/" + e.get("record_id") : "");
            List<Map<String, Object>> changes = new ArrayList<>();
            ((Map<String, Map<String, Object>>) e.get("changes")).forEach((key, pair) -> {
                Map<String, Object> change = "subject".equals(key) ? subject(plain, action, pair.get("after"))
                        : change(view, plain, key, pair.get("before"), pair.get("after"), locale);
                if (change != null) {
                    change.putIfAbsent("mode", mode(action, change));
                    changes.add(change);
                }
            });
            item.put("changes", changes);
            out.add(item);
        }
        return out;
    }

    /** For each form named, the names its changed values need, loaded at once. */
    @SuppressWarnings("unchecked")
    private Map<String, FormView> formViews(List<Map<String, Object>> entries, Actor actor, Locale locale) {
        Map<String, List<Map<String, Object>>> values = new HashMap<>();
        for (Map<String, Object> e : entries) {
            Object key = e.get("form");
            Form form = key == null ? null : catalog.form(key.toString()).orElse(null);
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
            Form form = catalog.form(key).orElseThrow();
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
            change.put("before", field.isTable() ? rows(before, locale) : view.presenter().value(field, before));
            change.put("after", field.isTable() ? rows(after, locale) : view.presenter().value(field, after));
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

    /**
     * Whom or what an administration entry is about (stored as [name, name]): one value, not a
     * change; a department's key for department actions, a username otherwise.
     */
    private static Map<String, Object> subject(PlainChanges plain, String action, Object value) {
        String as = action != null && action.endsWith("_department") ? "department" : "subject";
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("label", plain.label(as));
        change.put("before", RecordPresenter.empty());
        change.put("after", plain.value(as, value));
        change.put("mode", "added");
        return change;
    }

    /** A sub-table's change as its row counts; the rows themselves are on the detail page. */
    private static Map<String, Object> rows(Object value, Locale locale) {
        if (!(value instanceof List<?> list)) {
            return RecordPresenter.empty();
        }
        return RecordPresenter.text(Texts.get(locale, "page.audit.rows", list.size()));
    }

    /**
     * both: before → after; added: only the new value; removed: only the old one, struck through.
     * An update shows "- → value", so the reader sees that the field was empty before.
     */
    private static String mode(String action, Map<String, Object> change) {
        boolean noBefore = "empty".equals(((Map<?, ?>) change.get("before")).get("kind"));
        boolean noAfter = "empty".equals(((Map<?, ?>) change.get("after")).get("kind"));
        if (ONE_SIDED.contains(action) && noBefore) {
            return "added";
        }
        if (ONE_SIDED.contains(action) && noAfter) {
            return "removed";
        }
        return "both";
    }

    private static Map<String, Object> single(String key, Object value) {
        Map<String, Object> record = new HashMap<>();
        record.put(key, value);
        return record;
    }

    static String actionLabel(String action, Locale locale) {
        String key = "page.audit.action." + action;
        String text = Texts.get(locale, key);
        return text.equals(key) ? action : text;
    }
}
