package dev.formation.web.print;

import dev.formation.core.Actor;
import dev.formation.core.NotFoundException;
import dev.formation.form.Field;
import dev.formation.form.Form;
import dev.formation.form.FormPrint;
import dev.formation.form.PlatformColumns;
import dev.formation.i18n.Texts;
import dev.formation.record.RecordService;
import dev.formation.record.SharingService;
import dev.formation.security.AccessPolicy;
import dev.formation.security.FieldAccess;
import dev.formation.store.ListQuery;
import dev.formation.web.page.Lookups;
import dev.formation.web.page.RecordPresenter;
import dev.formation.web.page.records.RecordHeader;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a printable template is given: the record's values as its detail page shows them (option
 * labels, names, titles, formatted amounts and dates) as the one row of the main dataset, and as
 * parameters the labels, each sub-table and each related list (rows of texts), the owners and who
 * printed it when. Everything is read as the printing user reads it: the record and related
 * records through the record service with their row scope, fields their roles hide left out, and
 * labels only for what they see, so a template cannot show a hidden field, not even its label.
 */
@Singleton
public class RecordPrintData {

    /** Parameters every template may declare; sub-tables and related lists are named by their keys. */
    public static final String PRINT_TITLE = "PRINT_TITLE";
    public static final String FORM_LABEL = "FORM_LABEL";
    public static final String RECORD_TITLE = "RECORD_TITLE";
    public static final String LABELS = "LABELS";
    public static final String OWNERS = "OWNERS";
    public static final String PRINTED_AT = "PRINTED_AT";
    public static final String PRINTED_BY = "PRINTED_BY";
    public static final String NONE = "NONE";

    private static final List<String> PLATFORM = List.of(PlatformColumns.CODE, PlatformColumns.STATUS,
            PlatformColumns.OWNER, PlatformColumns.CREATED_BY, PlatformColumns.CREATED_AT, PlatformColumns.UPDATED_BY,
            PlatformColumns.UPDATED_AT);
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** The main row and the parameters of one print. */
    public record Data(FormPrint print, Map<String, Object> row, Map<String, Object> parameters) {
    }

    private final RecordService records;
    private final Lookups lookups;
    private final AccessPolicy access;
    private final SharingService sharing;
    private final Clock clock;

    public RecordPrintData(RecordService records, Lookups lookups, AccessPolicy access, SharingService sharing,
                           Clock clock) {
        this.records = records;
        this.lookups = lookups;
        this.access = access;
        this.sharing = sharing;
        this.clock = clock;
    }

    /** 404 for a print the form does not declare or a record the actor may not read. */
    public Data of(String formKey, long id, String printKey, Actor actor, Locale locale) {
        Form form = records.form(formKey);
        FormPrint print = form.print(printKey).orElseThrow(() -> new NotFoundException(formKey + " print " + printKey));
        Map<String, Object> record = records.get(formKey, id, actor);
        Map<String, String> labels = new LinkedHashMap<>();
        Map<String, Object> parameters = new LinkedHashMap<>();
        RecordPresenter presenter = new RecordPresenter(form, lookups.names(form, List.of(record)), locale);
        Map<String, Object> row = texts(form, record, presenter, "", labels);
        for (Field table : form.tableFields()) {
            parameters.put(table.key(), record.containsKey(table.key())
                    ? tableRows(table, record.get(table.key()), presenter, locale, labels) : List.of());
        }
        for (FormPrint.Related related : print.related()) {
            labels.put(related.key(), related.label().in(locale));
            parameters.put(related.key(), related(form, id, related, actor, locale, labels));
        }
        labels.put(OWNERS.toLowerCase(Locale.ROOT), Texts.get(locale, "print.owners"));
        labels.put("printed_at", Texts.get(locale, "print.printedAt"));
        labels.put("printed_by", Texts.get(locale, "print.printedBy"));
        parameters.put(PRINT_TITLE, print.label().in(locale));
        parameters.put(FORM_LABEL, form.label().in(locale));
        parameters.put(RECORD_TITLE, RecordHeader.title(form, record));
        parameters.put(LABELS, labels);
        parameters.put(OWNERS, owners(formKey, id, record, presenter, actor, locale));
        parameters.put(PRINTED_AT, LocalDateTime.now(clock).format(MINUTES));
        parameters.put(PRINTED_BY, presenter.userName(actor.username()));
        parameters.put(NONE, Texts.get(locale, "print.none"));
        return new Data(print, row, parameters);
    }

    /** Each column the record holds (the service left out what the viewer may not see), as text. */
    private static Map<String, Object> texts(Form form, Map<String, Object> record, RecordPresenter presenter,
                                             String labelPrefix, Map<String, String> labels) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (Field field : form.fields()) {
            if (!field.isTable() && record.containsKey(field.key())) {
                row.put(field.key(), text(presenter.value(field, record.get(field.key()))));
                labels.putIfAbsent(labelPrefix + field.key(), presenter.columnLabel(field.key()));
            }
        }
        for (String column : PLATFORM) {
            if (!row.containsKey(column) && record.containsKey(column) && !form.hasField(column)) {
                row.put(column, text(presenter.column(column, record)));
                labels.putIfAbsent(labelPrefix + column, presenter.columnLabel(column));
            }
        }
        return row;
    }

    private static List<Map<String, Object>> tableRows(Field table, Object value, RecordPresenter presenter,
                                                       Locale locale, Map<String, String> labels) {
        labels.put(table.key(), table.label().in(locale));
        table.children().forEach(c -> labels.put(table.key() + "." + c.key(), c.label().in(locale)));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Object item : value instanceof List<?> list ? list : List.of()) {
            Map<?, ?> source = item instanceof Map<?, ?> m ? m : Map.of();
            Map<String, Object> row = new LinkedHashMap<>();
            for (Field column : table.children()) {
                row.put(column.key(), text(presenter.value(column, source.get(column.key()))));
            }
            rows.add(row);
        }
        return rows;
    }

    /**
     * The latest records of another form that name this one, as the actor may read them; none when
     * the linking field is hidden from them, since filtering by it would tell what it holds.
     */
    private List<Map<String, Object>> related(Form form, long id, FormPrint.Related related, Actor actor, Locale locale,
                                              Map<String, String> labels) {
        Form other = records.form(related.form());
        if (access.fields(actor, other).get(related.field()) == FieldAccess.HIDDEN) {
            return List.of();
        }
        ListQuery query = new ListQuery(List.of(), Map.of(related.field(), id), List.of(related.sort()), 1,
                related.limit(), access.rows(actor, other, AccessPolicy.READ));
        List<Map<String, Object>> found = records.list(other.key(), query, actor).items().stream()
                .filter(r -> !Boolean.TRUE.equals(r.get("_restricted"))).toList();
        RecordPresenter presenter = new RecordPresenter(other, lookups.names(other, found), locale);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> record : found) {
            rows.add(texts(other, record, presenter, related.key() + ".", labels));
        }
        return rows;
    }

    /** The main owner and the added ones, unless the viewer may not see who owns the record. */
    private String owners(String formKey, long id, Map<String, Object> record, RecordPresenter presenter, Actor actor,
                          Locale locale) {
        if (!record.containsKey(PlatformColumns.OWNER)) {
            return "";
        }
        return String.join(Texts.get(locale, "print.listSeparator"),
                sharing.owners(formKey, id, actor).stream().map(presenter::userName).toList());
    }

    /** A presented value as plain text; files by their names. */
    @SuppressWarnings("unchecked")
    private static String text(Map<String, Object> shown) {
        if (shown.get("files") instanceof List<?> files) {
            return String.join(", ", files.stream().map(f -> String.valueOf(((Map<String, Object>) f).get("name"))).toList());
        }
        return String.valueOf(shown.getOrDefault("text", ""));
    }
}
