package dev.formation.record;

import dev.formation.form.PlatformColumns;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How much of one record a viewer may see wherever its values are shown outside its own pages
 * (a flow instance, its timeline, a change request's before and after, a history): as a
 * reader (every field their roles do not hide), only the list columns their roles give for
 * rows they may list but not open, or nothing but its id.
 */
public final class RecordSight {

    /** Marks a record cut down to less than a reader sees, as lists mark list-only rows. */
    public static final String RESTRICTED = "_restricted";

    private enum Level { READER, LISTER, NONE }

    private final Level level;
    private final Set<String> hidden;
    private final List<String> listColumns;

    private RecordSight(Level level, Set<String> hidden, List<String> listColumns) {
        this.level = level;
        this.hidden = Set.copyOf(hidden);
        this.listColumns = List.copyOf(listColumns);
    }

    /** A reader's sight: everything but the fields their roles hide. */
    public static RecordSight reader(Set<String> hiddenFields) {
        return new RecordSight(Level.READER, hiddenFields, List.of());
    }

    /** A lister's sight: the list columns only. */
    public static RecordSight lister(List<String> listColumns) {
        return new RecordSight(Level.LISTER, Set.of(), listColumns);
    }

    public static RecordSight none() {
        return new RecordSight(Level.NONE, Set.of(), List.of());
    }

    /** Whether the viewer sees less than a reader: the record is then marked {@link #RESTRICTED}. */
    public boolean restricted() {
        return level != Level.READER;
    }

    /** Whether a field's (or platform column's) value may be shown. */
    public boolean shows(String field) {
        return switch (level) {
            case READER -> !hidden.contains(field);
            case LISTER -> PlatformColumns.ID.equals(field) || listColumns.contains(field);
            case NONE -> PlatformColumns.ID.equals(field);
        };
    }

    /** A copy of the record with only what the viewer may see. */
    public Map<String, Object> apply(Map<String, Object> record) {
        Map<String, Object> out = new LinkedHashMap<>();
        record.forEach((key, value) -> {
            if (shows(key)) {
                out.put(key, value);
            }
        });
        if (restricted()) {
            out.put(RESTRICTED, true);
        }
        return out;
    }

    /** The entries of a field-keyed map (changes, an approver's entries) the viewer may see. */
    public <V> Map<String, V> only(Map<String, V> byField) {
        Map<String, V> out = new LinkedHashMap<>();
        byField.forEach((key, value) -> {
            if (shows(key)) {
                out.put(key, value);
            }
        });
        return out;
    }
}
