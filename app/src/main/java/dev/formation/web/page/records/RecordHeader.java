package dev.formation.web.page.records;

import dev.formation.form.Form;
import dev.formation.form.PlatformColumns;
import dev.formation.i18n.Texts;
import dev.formation.web.page.RecordPresenter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the record's pages share above their content: the breadcrumb, title, code and status,
 * and the tabs between the details, the history and the sharing of the record.
 */
public final class RecordHeader {

    static final String DETAIL = "detail";
    static final String HISTORY = "history";
    static final String SHARING = "sharing";

    /** The tabs, in order: key, path after the record's address, text key. */
    private static final List<String[]> TABS = List.of(
            new String[]{DETAIL, "", "page.record.tab.detail"},
            new String[]{HISTORY, "/history", "page.record.tab.history"},
            new String[]{SHARING, "/sharing", "page.record.tab.sharing"});

    private RecordHeader() {
    }

    /** How pages name a record: its title field's value, else its code, else its number. */
    public static String title(Form form, Map<String, Object> record) {
        Object title = form.titleField() == null ? null : record.get(form.titleField());
        if (title != null && !title.toString().isBlank()) {
            return title.toString();
        }
        Object code = record.get(PlatformColumns.CODE);
        return code != null && !code.toString().isBlank() ? code.toString() : "#" + record.get(PlatformColumns.ID);
    }

    static Map<String, Object> of(Form form, Map<String, Object> record, RecordPresenter presenter, Locale locale,
                                  String activeTab) {
        Object id = record.get(PlatformColumns.ID);
        String base = "/forms/" + form.key() + "/" + id;
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("form", Map.of("key", form.key(), "label", form.label().in(locale), "href", "/forms/" + form.key()));
        model.put("id", id.toString());
        model.put("base", base);
        model.put("version", String.valueOf(record.get(PlatformColumns.VERSION)));
        model.put("title", title(form, record));
        model.put("code", record.get(PlatformColumns.CODE) == null ? "" : record.get(PlatformColumns.CODE).toString());
        model.put("status", presenter.column(PlatformColumns.STATUS, record));
        List<Map<String, Object>> tabs = new ArrayList<>();
        for (String[] tab : TABS) {
            tabs.add(Map.of("label", Texts.get(locale, tab[2]), "href", base + tab[1], "active", tab[0].equals(activeTab)));
        }
        model.put("tabs", tabs);
        return model;
    }
}
