package dev.formation.record;

import dev.formation.core.FieldError;
import dev.formation.form.Field;
import dev.formation.form.Form;
import dev.formation.form.NoOverlap;
import dev.formation.i18n.Texts;
import dev.formation.store.OverlapStore;
import dev.formation.store.RecordLocks;
import dev.formation.store.RecordStore;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A form's {@code noOverlap} constraints on a write. The write first takes the lock of each
 * group it joins ({@link #lock}, in the write's transaction) and only then looks for an
 * overlapping record ({@link #check}): two writers of the same group take turns, so the
 * second sees the first's record, and neither needs the database to lock ranges it cannot see.
 */
@Singleton
public class OverlapChecks {

    private final OverlapStore overlaps;
    private final RecordLocks locks;
    private final RecordStore store;

    public OverlapChecks(OverlapStore overlaps, RecordLocks locks, RecordStore store) {
        this.overlaps = overlaps;
        this.locks = locks;
        this.store = store;
    }

    /**
     * Makes the locks {@link #lock} will take, each in a short transaction of its own: called
     * before the write's transaction, so it never needs a second connection while holding one.
     */
    public void prepare(Form form, Map<String, Object> candidate, Map<String, Object> stored) {
        for (NoOverlap rule : form.crossRecords().noOverlap()) {
            if (applies(rule, candidate, stored)) {
                locks.prepare(lockName(form, rule, candidate));
            }
        }
    }

    /** Holds, until the transaction ends, the lock of every group the candidate is checked in ({@link #prepare}d). */
    public void lock(Connection c, Form form, Map<String, Object> candidate, Map<String, Object> stored)
            throws SQLException {
        // in name order, so two writers of several groups never wait on each other in a circle
        Set<String> names = new TreeSet<>();
        for (NoOverlap rule : form.crossRecords().noOverlap()) {
            if (applies(rule, candidate, stored)) {
                names.add(lockName(form, rule, candidate));
            }
        }
        for (String name : names) {
            locks.lock(c, name);
        }
    }

    public List<FieldError> check(Connection c, Form form, Map<String, Object> candidate, Long id,
                                  Map<String, Object> stored, Locale locale) throws SQLException {
        List<FieldError> errors = new ArrayList<>();
        for (NoOverlap rule : form.crossRecords().noOverlap()) {
            if (!applies(rule, candidate, stored)) {
                continue;
            }
            Optional<Long> other = overlaps.overlapping(c, form, rule, candidate, id);
            if (other.isPresent()) {
                errors.add(new FieldError(rule.field(), message(c, form, rule, other.get(), locale)));
            }
        }
        return errors;
    }

    /**
     * Checked when the record is complete enough to have a range in a group, and, for a change,
     * when the change touches the range or the group: records that overlapped before the
     * constraint was declared can still be edited otherwise.
     */
    private static boolean applies(NoOverlap rule, Map<String, Object> candidate, Map<String, Object> stored) {
        List<String> keys = new ArrayList<>(rule.per());
        keys.add(rule.start());
        keys.add(rule.end());
        if (keys.stream().anyMatch(k -> candidate.get(k) == null)) {
            return false;
        }
        return stored == null || keys.stream().anyMatch(k -> !Objects.equals(RecordStore.normalise(stored.get(k)),
                RecordStore.normalise(candidate.get(k))));
    }

    private static String lockName(Form form, NoOverlap rule, Map<String, Object> candidate) {
        StringBuilder name = new StringBuilder(form.key()).append('/').append(rule.key());
        for (String key : rule.per()) {
            name.append('/').append(RecordStore.normalise(candidate.get(key)));
        }
        return name.toString();
    }

    private String message(Connection c, Form form, NoOverlap rule, long otherId, Locale locale) throws SQLException {
        if (rule.message() != null) {
            return rule.message().in(locale);
        }
        String title = store.titles(c, form, Set.of(otherId)).getOrDefault(otherId, String.valueOf(otherId));
        Field start = form.field(rule.start()).orElseThrow();
        Field end = form.field(rule.end()).orElseThrow();
        Object from = store.fieldValue(c, form, otherId, start).orElse("");
        Object to = store.fieldValue(c, form, otherId, end).orElse("");
        String label = form.field(rule.field()).map(f -> f.label().in(locale)).orElse(rule.field());
        return Texts.get(locale, "validation.overlap", label, title, from, to);
    }
}
