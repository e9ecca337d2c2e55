package dev.formation.record;

import dev.formation.core.Actor;
import dev.formation.core.FieldError;
import dev.formation.core.ValidationException;
import dev.formation.form.DaySummary;
import dev.formation.form.Field;
import dev.formation.form.FieldType;
import dev.formation.form.Form;
import dev.formation.form.FormCatalog;
import dev.formation.form.Option;
import dev.formation.form.Rollup;
import dev.formation.i18n.Texts;
import dev.formation.metadata.MetadataHolder;
import dev.formation.store.RecordStore;
import dev.formation.store.SelectionStore;
import dev.formation.store.Tx;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Fills a new record's fields from its author's records of one day, as the form's
 * {@code daySummary} declares ({@link DaySummary}): counts and sums into number fields, and a
 * text with one line per source listing the records (with their titles and the fields the
 * source shows). Only the page and the API's blank record get it: the author edits it before
 * saving, and a record saved without a value gets the field's plain default, as always.
 */
@Singleton
public class DayPrefill {

    /** Records listed per source at most: a day's summary, not an export. */
    static final int LISTED = 50;

    private final MetadataHolder metadata;
    private final SelectionStore selections;
    private final RecordStore store;
    private final Tx tx;
    private final Clock clock;

    public DayPrefill(MetadataHolder metadata, SelectionStore selections, RecordStore store, Tx tx, Clock clock) {
        this.metadata = metadata;
        this.selections = selections;
        this.store = store;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Fills {@code blank} (the record's defaults) in place for the actor, in their language.
     *
     * @param day the day asked for (the page reopened for another report date), or null for the
     *            day field's default; it becomes the day field's value
     */
    public void fill(Form form, Map<String, Object> blank, Actor actor, Locale locale, String day) {
        DaySummary summary = form.crossRecords().daySummary();
        if (summary == null) {
            return;
        }
        if (day != null && !day.isBlank() && summary.day() != null) {
            blank.put(summary.day(), parse(form.field(summary.day()).orElseThrow(), day.trim(), locale).toString());
        }
        fill(form, summary, blank, actor, locale);
    }

    private static LocalDate parse(Field field, String day, Locale locale) {
        try {
            return LocalDate.parse(day);
        } catch (java.time.format.DateTimeParseException e) {
            throw new ValidationException(List.of(new FieldError(field.key(),
                    Texts.get(locale, "validation.date", field.label().in(locale)))));
        }
    }

    private void fill(Form form, DaySummary summary, Map<String, Object> blank, Actor actor, Locale locale) {
        Object dayValue = summary.day() == null ? null : blank.get(summary.day());
        LocalDate day = dayValue == null ? LocalDate.now(clock) : LocalDate.parse(dayValue.toString().substring(0, 10));
        FormCatalog catalog = metadata.current().get(FormCatalog.class);
        String person = actor.username();
        tx.read(c -> {
            for (Map.Entry<String, DaySummary.Fill> e : summary.fills().entrySet()) {
                DaySummary.Fill fill = e.getValue();
                if (fill.op() == DaySummary.Op.LIST) {
                    StringJoiner text = new StringJoiner("\n");
                    for (String key : fill.sources()) {
                        text.add(line(c, catalog, summary.source(key), person, day, locale));
                    }
                    // within what the field takes, so the page can be saved as it opens
                    String value = text.toString();
                    int max = form.field(e.getKey()).orElseThrow().maxTextLength();
                    blank.put(e.getKey(), value.codePointCount(0, value.length()) > max
                            ? value.substring(0, value.offsetByCodePoints(0, max - 1)) + "…" : value);
                } else {
                    DaySummary.Source source = summary.source(fill.sources().get(0));
                    Form other = catalog.form(source.records().form()).orElseThrow();
                    BigDecimal value = selections.aggregate(c, other, source.records(), person, day, day,
                            fill.op() == DaySummary.Op.SUM ? Rollup.Op.SUM : Rollup.Op.COUNT, fill.of());
                    Field field = form.field(e.getKey()).orElseThrow();
                    blank.put(e.getKey(), field.valueType() == FieldType.INTEGER ? (Object) value.longValue()
                            : new BigDecimal(value.stripTrailingZeros().toPlainString()));
                }
            }
            return null;
        });
    }

    /** "会议（2）：甲项目 评审；乙项目 启动", or "会议（0）" when there are none. */
    private String line(Connection c, FormCatalog catalog, DaySummary.Source source, String person, LocalDate day,
                        Locale locale) throws SQLException {
        Form other = catalog.form(source.records().form()).orElseThrow();
        List<String> shown = source.show().isEmpty() ? List.of(other.titleField()) : source.show();
        List<Map<String, Object>> rows = selections.rows(c, other, source.records(), person, day, day, shown, LISTED);
        String label = source.label().in(locale);
        if (rows.isEmpty()) {
            return Texts.get(locale, "summary.none", label);
        }
        Map<String, Map<Long, String>> titles = titles(c, catalog, other, shown, rows);
        String items = null;
        for (Map<String, Object> row : rows) {
            StringJoiner item = new StringJoiner(" ");
            for (String key : shown) {
                String text = text(other, key, row.get(key), titles, locale);
                if (text != null && !text.isBlank()) {
                    item.add(text);
                }
            }
            String one = item.length() == 0 ? String.valueOf(row.get("id")) : item.toString();
            items = items == null ? one : Texts.get(locale, "summary.join", items, one);
        }
        return Texts.get(locale, "summary.line", label, rows.size(), items);
    }

    /** The titles of the records the shown reference fields name, per field. */
    private Map<String, Map<Long, String>> titles(Connection c, FormCatalog catalog, Form other, List<String> shown,
                                                  List<Map<String, Object>> rows) throws SQLException {
        Map<String, Map<Long, String>> out = new HashMap<>();
        for (String key : shown) {
            Field field = other.field(key).orElse(null);
            if (field == null || field.valueType() != FieldType.REFERENCE) {
                continue;
            }
            Set<Long> ids = new HashSet<>();
            rows.forEach(r -> {
                if (r.get(key) instanceof Number n) {
                    ids.add(n.longValue());
                }
            });
            out.put(key, store.titles(c, catalog.form(field.referenceForm()).orElseThrow(), ids));
        }
        return out;
    }

    private static String text(Form form, String key, Object value, Map<String, Map<Long, String>> titles,
                               Locale locale) {
        if (value == null) {
            return null;
        }
        Field field = form.field(key).orElse(null);
        if (field == null) {
            return value.toString();
        }
        if (field.valueType() == FieldType.REFERENCE && value instanceof Number n) {
            return titles.getOrDefault(key, Map.of()).getOrDefault(n.longValue(), value.toString());
        }
        if (field.valueType() == FieldType.SELECT) {
            Option option = field.option(value.toString());
            return option == null ? value.toString() : option.label().in(locale);
        }
        if (value instanceof BigDecimal d) {
            return d.stripTrailingZeros().toPlainString();
        }
        String text = value.toString();
        // a long note is cut: the line names the record, the record holds the rest
        return text.codePointCount(0, text.length()) > 40 ? text.substring(0, text.offsetByCodePoints(0, 40)) + "…"
                : text;
    }
}
