package dev.formation.web.page.records;

import dev.formation.i18n.Texts;
import dev.formation.web.page.RecordPresenter;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How an audit entry reads, whatever it is about: its action in words and colour, whom an
 * administration entry names, a sub-table's change as row counts, and which side of a change
 * is worth showing.
 */
final class AuditWords {

    private static final Map<String, String> ACTION_CSS = Map.ofEntries(Map.entry("create", "is-success is-light"),
            Map.entry("update", "is-info is-light"), Map.entry("delete", "is-danger is-light"),
            Map.entry("share", "is-link is-light"), Map.entry("unshare", "is-link is-light"),
            Map.entry("add_owner", "is-warning is-light"), Map.entry("remove_owners", "is-warning is-light"),
            Map.entry("flow_submit", "is-link is-light"), Map.entry("flow_resubmit", "is-link is-light"),
            Map.entry("flow_approve", "is-success is-light"), Map.entry("flow_approved", "is-success is-light"),
            Map.entry("flow_timeout_approve", "is-success is-light"), Map.entry("flow_reject", "is-danger is-light"),
            Map.entry("flow_returned", "is-danger is-light"), Map.entry("flow_timeout_reject", "is-danger is-light"));
    /** Actions whose changes only add or only remove, where "- →" would say nothing. */
    private static final Set<String> ONE_SIDED = Set.of("create", "delete", "share", "unshare", "add_owner",
            "create_user", "create_department", "delegate", "revoke_delegation", "export", "set_password");

    private AuditWords() {
    }

    static String css(String action) {
        return ACTION_CSS.getOrDefault(action, "");
    }

    /**
     * Whom or what an administration entry is about (stored as [name, name]): one value, not a
     * change; a department's key for department actions, a username otherwise.
     */
    static Map<String, Object> subject(PlainChanges plain, String action, Object value) {
        String as = action != null && action.endsWith("_department") ? "department" : "subject";
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("label", plain.label(as));
        change.put("before", RecordPresenter.empty());
        change.put("after", plain.value(as, value));
        change.put("mode", "added");
        return change;
    }

    /** A sub-table's change as its row counts; the rows themselves are on the detail page. */
    static Map<String, Object> rows(Object value, Locale locale) {
        if (!(value instanceof List<?> list)) {
            return RecordPresenter.empty();
        }
        return RecordPresenter.text(Texts.get(locale, "page.audit.rows", list.size()));
    }

    /**
     * both: before → after; added: only the new value; removed: only the old one, struck through.
     * An update shows "- → value", so the reader sees that the field was empty before.
     */
    static String mode(String action, Map<String, Object> change) {
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

    static String actionLabel(String action, Locale locale) {
        String key = "page.audit.action." + action;
        String text = Texts.get(locale, key);
        return text.equals(key) ? action : text;
    }
}
