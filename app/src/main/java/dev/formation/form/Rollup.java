package dev.formation.form;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How a rollup field derives its value: an aggregate over the live records of another form
 * ({@code form}) whose reference field {@code via} names this record, only those whose
 * {@code where} fields hold one of the listed values. The engine stores the result in the
 * field's own column and recomputes it, by a SELECT aggregate, whenever such a record is
 * written, so it can be listed, filtered and sorted like any column and cannot drift.
 *
 * @param of    the other form's field aggregated (null for {@link Op#COUNT})
 * @param by    for {@link Op#LATEST}: the field that orders the records, newest last (default the id)
 * @param where field → the values a counted record must have in it
 */
public record Rollup(String form, String via, Op op, String of, String by, Map<String, List<String>> where) {

    /** The aggregates a rollup may take. */
    public enum Op {
        /** How many records. */
        COUNT,
        /** The total of a number field, 0 when there are none. */
        SUM,
        MAX,
        MIN,
        /** The value of the newest record (by {@code by}). */
        LATEST;

        public static Op of(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT));
        }

        /** With no records the value is 0 rather than empty. */
        public boolean zeroWhenNone() {
            return this == COUNT || this == SUM;
        }
    }

    public Rollup {
        where = Map.copyOf(where);
    }

    /** The other form's fields whose change can change the value: which record, which value, the filter. */
    public Set<String> inputs() {
        Set<String> out = new java.util.HashSet<>(where.keySet());
        out.add(via);
        if (of != null) {
            out.add(of);
        }
        if (by != null) {
            out.add(by);
        }
        return out;
    }
}
