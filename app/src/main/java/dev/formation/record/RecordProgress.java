package dev.formation.record;

import dev.formation.form.Form;
import dev.formation.form.FormCatalog;
import dev.formation.form.Progress;
import dev.formation.metadata.MetadataHolder;
import dev.formation.store.SelectionStore;
import dev.formation.store.Tx;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A record's {@code progress} (see {@link Progress}), computed from the database when it is
 * read: for each measure the goal, what the person did in the period and the share done. The
 * aggregates count every record of the person, whoever reads: a goal's progress is a number
 * about the person, not a view of records the reader may open.
 */
@Singleton
public class RecordProgress {

    private final MetadataHolder metadata;
    private final SelectionStore store;
    private final Tx tx;

    public RecordProgress(MetadataHolder metadata, SelectionStore store, Tx tx) {
        this.metadata = metadata;
        this.store = store;
        this.tx = tx;
    }

    /**
     * The measures of a record as the reader got it (a measure whose goal field is hidden from
     * them is left out), each with key, label, goal, actual and percent (null without a goal);
     * empty when the form declares no progress.
     */
    public List<Map<String, Object>> of(Form form, Map<String, Object> record, Locale locale) {
        Progress progress = form.crossRecords().progress();
        List<Map<String, Object>> out = new ArrayList<>();
        if (progress == null) {
            return out;
        }
        Object person = record.get(progress.person());
        LocalDate from = day(record.get(progress.start()));
        LocalDate to = day(record.get(progress.end()));
        FormCatalog catalog = metadata.current().get(FormCatalog.class);
        for (Progress.Measure m : progress.measures()) {
            if (!record.containsKey(m.goal())) {
                continue;
            }
            BigDecimal goal = number(record.get(m.goal()));
            BigDecimal actual = null;
            if (person != null && from != null && to != null && !to.isBefore(from)) {
                Form source = catalog.form(m.records().form()).orElseThrow();
                actual = tx.read(c -> store.aggregate(c, source, m.records(), person.toString(), from, to, m.op(),
                        m.of())).stripTrailingZeros();
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("key", m.key());
            row.put("label", m.label().in(locale));
            row.put("goal", goal == null ? null : plain(goal));
            row.put("actual", actual == null ? null : plain(actual));
            row.put("percent", percent(actual, goal));
            out.add(row);
        }
        return out;
    }

    /** actual / goal in percent with one decimal, or null when there is no goal to divide by. */
    static BigDecimal percent(BigDecimal actual, BigDecimal goal) {
        if (actual == null || goal == null || goal.signum() == 0) {
            return null;
        }
        return actual.multiply(BigDecimal.valueOf(100)).divide(goal, 1, RoundingMode.HALF_UP);
    }

    /** A whole number as such in JSON (3, not 3.00), others as they are. */
    private static Number plain(BigDecimal value) {
        BigDecimal v = value.stripTrailingZeros();
        if (v.scale() <= 0) {
            try {
                return v.longValueExact();
            } catch (ArithmeticException e) {
                return v;
            }
        }
        return v;
    }

    private static BigDecimal number(Object value) {
        return value == null ? null : new BigDecimal(value.toString());
    }

    private static LocalDate day(Object value) {
        if (value == null || value.toString().length() < 10) {
            return null;
        }
        return LocalDate.parse(value.toString().substring(0, 10));
    }
}
