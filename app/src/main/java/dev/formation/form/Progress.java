package dev.formation.form;

import dev.formation.plugin.api.Message;

import java.util.List;

/**
 * A form's {@code progress}: each record is a goal for one person ({@code person}) over a
 * period ({@code start} to {@code end}), and each measure compares a goal field of the record
 * with an aggregate of other forms' records of that person in the period. Computed when the
 * record is read, so it is always live and needs no upkeep on the other forms' writes.
 */
public record Progress(String person, String start, String end, List<Measure> measures) {

    public Progress {
        measures = List.copyOf(measures);
    }

    /**
     * @param goal   the field of this form holding the goal
     * @param op     count or sum
     * @param of     the other form's number field summed (null for a count)
     */
    public record Measure(String key, Message label, String goal, RecordSelection records, Rollup.Op op, String of) {
    }
}
