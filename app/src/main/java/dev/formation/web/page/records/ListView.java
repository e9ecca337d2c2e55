package dev.formation.web.page.records;

import dev.formation.form.Field;
import dev.formation.form.FieldType;
import dev.formation.form.Form;
import dev.formation.form.Option;
import dev.formation.form.PlatformColumns;
import dev.formation.i18n.Texts;
import dev.formation.record.RecordService;
import dev.formation.store.RecordPage;
import dev.formation.store.RecordStore;
import dev.formation.web.page.FieldRights;
import dev.formation.web.page.Lookups;
import dev.formation.web.page.Pager;
import dev.formation.web.page.QueryString;
import dev.formation.web.page.RecordPresenter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The list page's model: columns with sort links, rows of display values, tabs, filters and pages. */
final class ListView {

    private final Form form;
    private final QueryString query;
    private final RecordPresenter presenter;
    private final Lookups.Names names;
    private final List<String> columns;
    private final Locale locale;
    /** The recycle bin: rows do not open (the record is deleted), and say who deleted them when. */
    private final boolean bin;

    ListView(Form form, QueryString query, RecordPresenter presenter, Lookups.Names names, FieldRights rights,
             Locale locale) {
        this.form = form;
        this.query = query;
        this.presenter = presenter;
        this.names = names;
        this.bin = ListView.view(query.get("view")) == RecordService.View.DELETED;
        List<String> listed = form.listColumns().stream()
                .filter(key -> form.field(key).map(rights::visible).orElse(true)).toList();
        if (bin) {
            // the delete is a record's last write: its updater and time are who deleted it and when
            List<String> shown = new ArrayList<>(listed);
            shown.removeAll(List.of(PlatformColumns.UPDATED_BY, PlatformColumns.UPDATED_AT));
            shown.addAll(List.of(PlatformColumns.UPDATED_BY, PlatformColumns.UPDATED_AT));
            listed = List.copyOf(shown);
        }
        this.columns = listed;
        this.locale = locale;
    }

    private String columnLabel(String key) {
        if (bin && key.equals(PlatformColumns.UPDATED_BY)) {
            return Texts.get(locale, "page.bin.deletedBy");
        }
        if (bin && key.equals(PlatformColumns.UPDATED_AT)) {
            return Texts.get(locale, "page.bin.deletedAt");
        }
        return presenter.columnLabel(key);
    }

    Map<String, Object> model(RecordPage page, String sort) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("form", Map.of("key", form.key(), "label", form.label().in(locale)));
        model.put("columns", columns(sort));
        model.put("rows", rows(page));
        model.put("q", query.get("q") == null ? "" : query.get("q"));
        model.put("placeholder", Texts.get(locale, "page.list.searchPlaceholder", String.join(" / ",
                form.searchFields().stream().map(presenter::columnLabel).toList())));
        model.put("views", views());
        model.put("bin", bin);
        model.put("binHref", query.without("page").with("view", "deleted").href());
        model.put("listHref", query.without("page").without("view").href());
        model.put("tabs", tabs());
        model.put("filters", filters());
        model.put("keep", kept());
        model.put("total", page.total());
        model.put("totalExact", page.totalExact());
        model.put("pager", Pager.of(page, query));
        model.put("newHref", "/forms/" + form.key() + "/new");
        model.put("searchAction", "/forms/" + form.key());
        // clearing the filters keeps the view: "mine" stays mine
        model.put("resetHref", QueryString.of("/forms/" + form.key(), Map.of()).with("view", query.get("view")).href());
        model.put("exportHref", exportHref("csv"));
        model.put("exportXlsxHref", exportHref("xlsx"));
        model.put("filtered", query.get("q") != null || form.filters().stream().anyMatch(k -> query.get(k) != null));
        return model;
    }

    private List<Map<String, Object>> columns(String sort) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String key : columns) {
            Map<String, Object> column = new LinkedHashMap<>();
            column.put("key", key);
            column.put("label", columnLabel(key));
            boolean sortable = RecordStore.isListColumn(form, key);
            String dir = key.equals(sort) ? "asc" : ("-" + key).equals(sort) ? "desc" : "";
            column.put("dir", dir);
            column.put("href", sortable ? query.without("page").with("sort", "asc".equals(dir) ? "-" + key : key).href()
                    : "");
            out.add(column);
        }
        return out;
    }

    private List<Map<String, Object>> rows(RecordPage page) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> record : page.items()) {
            String href = "/forms/" + form.key() + "/" + record.get(PlatformColumns.ID);
            // a row the user may list but not open (someone else's record, by their role) shows, unlinked
            boolean restricted = Boolean.TRUE.equals(record.get("_restricted"));
            List<Map<String, Object>> cells = new ArrayList<>();
            for (String key : columns) {
                Map<String, Object> cell = new LinkedHashMap<>(presenter.column(key, record));
                // the code and the title open the record; other links (references) keep their own target
                if (!restricted && !bin && (key.equals(PlatformColumns.CODE) || key.equals(form.titleField()))) {
                    cell.put("open", href);
                }
                cells.add(cell);
            }
            out.add(Map.of("href", href, "cells", cells, "restricted", restricted));
        }
        return out;
    }

    private List<Map<String, Object>> tabs() {
        List<Map<String, Object>> out = new ArrayList<>();
        Field status = form.statusField().orElse(null);
        if (status == null) {
            return out;
        }
        QueryString base = query.without("page");
        String current = query.get(PlatformColumns.STATUS);
        out.add(tab(Texts.get(locale, "page.list.all"), base.without(PlatformColumns.STATUS).href(), current == null));
        for (Option option : status.options()) {
            out.add(tab(option.label().in(locale), base.with(PlatformColumns.STATUS, option.key()).href(),
                    option.key().equals(current)));
        }
        return out;
    }

    /** {@code ?view=}: unknown text means all, as a hand-edited page number means the first page. */
    static RecordService.View view(String text) {
        for (RecordService.View v : RecordService.View.values()) {
            if (v.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return v;
            }
        }
        return RecordService.View.ALL;
    }

    /** All / mine / shared by me / shared with me, each keeping the search, filters and sort. */
    private List<Map<String, Object>> views() {
        RecordService.View current = view(query.get("view"));
        QueryString base = query.without("page");
        List<Map<String, Object>> out = new ArrayList<>();
        for (RecordService.View v : RecordService.View.values()) {
            if (v == RecordService.View.DELETED) {
                // the recycle bin is a button of its own, for those who may open it
                continue;
            }
            String key = v.name().toLowerCase(Locale.ROOT);
            String href = v == RecordService.View.ALL ? base.without("view").href() : base.with("view", key).href();
            out.add(tab(Texts.get(locale, "page.list.view." + key), href, v == current));
        }
        return out;
    }

    /**
     * The file (CSV or XLSX) of what the list shows: the same search and filters (the export serves
     * every row the user may export, so the view and the page do not apply).
     */
    private String exportHref(String format) {
        QueryString export = QueryString.of("/api/forms/" + form.key() + "/records/export", Map.of());
        List<String> keys = new ArrayList<>(List.of("q", "sort", PlatformColumns.STATUS, PlatformColumns.OWNER));
        keys.addAll(form.filters());
        for (String key : keys.stream().distinct().toList()) {
            export = export.with(key, query.get(key));
        }
        return export.with("format", format).href();
    }

    private static Map<String, Object> tab(String label, String href, boolean active) {
        return Map.of("label", label, "href", href, "active", active);
    }

    /** Drop-downs for the filters that have a short list of values: selects, users, departments. */
    private List<Map<String, Object>> filters() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String key : form.filters()) {
            if (key.equals(PlatformColumns.STATUS) && form.statusField().isPresent()) {
                continue;
            }
            Map<String, String> choices = choices(key);
            if (choices == null) {
                continue;
            }
            String current = query.get(key);
            List<Map<String, Object>> options = new ArrayList<>();
            choices.forEach((value, label) -> options.add(Map.of("value", value, "label", label,
                    "selected", value.equals(current))));
            Map<String, Object> filter = new LinkedHashMap<>();
            filter.put("key", key);
            filter.put("label", presenter.columnLabel(key));
            filter.put("options", options);
            out.add(filter);
        }
        return out;
    }

    private Map<String, String> choices(String key) {
        FieldType type = form.field(key).map(Field::valueType)
                .orElse(key.equals(PlatformColumns.OWNER) ? FieldType.USER : null);
        if (type == null) {
            return null;
        }
        return switch (type) {
            case SELECT -> {
                Map<String, String> out = new LinkedHashMap<>();
                form.field(key).get().options().forEach(o -> out.put(o.key(), o.label().in(locale)));
                yield out;
            }
            case USER -> names.users();
            case DEPARTMENT -> names.departments();
            default -> null;
        };
    }

    /** Query values the search form must send again: the tab, the sort and non-dropdown filters. */
    private List<Map<String, Object>> kept() {
        List<Map<String, Object>> out = new ArrayList<>();
        List<String> shown = filters().stream().map(f -> (String) f.get("key")).toList();
        List<String> keys = new ArrayList<>(List.of("view", "sort", "size", PlatformColumns.STATUS));
        keys.addAll(form.filters());
        for (String key : keys.stream().distinct().toList()) {
            if (!shown.contains(key) && query.get(key) != null) {
                out.add(Map.of("name", key, "value", query.get(key)));
            }
        }
        return out;
    }
}
