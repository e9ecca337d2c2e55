package dev.formation.web.page.records;

import dev.formation.form.Field;
import dev.formation.form.Form;
import dev.formation.form.PlatformColumns;
import dev.formation.web.page.FieldRights;
import dev.formation.web.page.RecordPresenter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The detail page's model: the record's sections as label/value pairs, its tables, its platform facts. */
public final class DetailView {

    private static final List<String> INFO = List.of(PlatformColumns.CODE, PlatformColumns.STATUS,
            PlatformColumns.OWNER, PlatformColumns.CREATED_BY, PlatformColumns.CREATED_AT, PlatformColumns.UPDATED_BY,
            PlatformColumns.UPDATED_AT, PlatformColumns.VERSION);

    private final Form form;
    private final RecordPresenter presenter;
    private final FieldRights rights;
    private final Locale locale;

    public DetailView(Form form, RecordPresenter presenter, FieldRights rights, Locale locale) {
        this.form = form;
        this.presenter = presenter;
        this.rights = rights;
        this.locale = locale;
    }

    public Map<String, Object> model(Map<String, Object> record) {
        Object id = record.get(PlatformColumns.ID);
        String base = "/forms/" + form.key() + "/" + id;
        Map<String, Object> model = new LinkedHashMap<>(RecordHeader.of(form, record, presenter, locale,
                RecordHeader.DETAIL));
        model.put("editHref", base + "/edit");
        model.put("deleteAction", base + "/delete");
        model.put("groups", groups(record));
        List<Map<String, Object>> info = new ArrayList<>();
        for (String column : INFO) {
            info.add(Map.of("label", presenter.columnLabel(column), "display", presenter.column(column, record)));
        }
        model.put("info", info);
        return model;
    }

    private List<Map<String, Object>> groups(Map<String, Object> record) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Sections.Group group : Sections.of(form, locale, rights::visible)) {
            List<Map<String, Object>> items = new ArrayList<>();
            for (Field field : group.fields()) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("label", field.label().in(locale));
                item.put("full", field.fullWidth() || field.valueType().isFiles());
                if (field.isTable()) {
                    item.put("table", table(field, record.get(field.key())));
                } else {
                    item.put("display", presenter.value(field, record.get(field.key())));
                }
                items.add(item);
            }
            out.add(Map.of("label", group.label(), "items", items));
        }
        return out;
    }

    private Map<String, Object> table(Field table, Object value) {
        List<String> columns = table.children().stream().map(c -> c.label().in(locale)).toList();
        List<List<Map<String, Object>>> rows = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object row : list) {
                Map<?, ?> map = row instanceof Map<?, ?> m ? m : Map.of();
                rows.add(table.children().stream().map(c -> presenter.value(c, map.get(c.key()))).toList());
            }
        }
        return Map.of("columns", columns, "rows", rows);
    }
}
