package dev.formation.store;

import java.util.List;
import java.util.Map;

/**
 * What {@link SchemaSync} would do to bring the database in line with the forms, worked out
 * before anything runs: the steps, how each will run ({@link OnlineDdl.Way}), the rows of each
 * table a step touches, and the problems that forbid it (a type change over data, values a
 * narrowed field no longer holds, a row or index count over MySQL's limits).
 *
 * @param rows rows per table that has a step, counted (or, on a big MySQL table, estimated)
 */
public record SchemaPlan(List<Step> steps, List<Problem> problems, Map<String, Long> rows) {

    /**
     * One statement.
     *
     * @param ddl    a whole statement (a new table, an index on it, any index on H2), or null
     * @param clause what follows {@code ALTER TABLE <table>} otherwise
     */
    public record Step(String form, String table, OnlineDdl.Change change, String column, String sqlType,
                       String index, OnlineDdl.Way way, String ddl, String clause) {
    }

    /**
     * Why the forms cannot be brought into the database as they are.
     *
     * @param field the field's key ({@code table.child} for a sub-table's field), or null for the whole form
     * @param code  {@code retype}, {@code narrowing}, {@code rowBudget} or {@code indexes}
     * @param args  the message's arguments, in the order of the i18n text {@code metadata.problem.<code>}
     */
    public record Problem(String form, String field, String code, List<Object> args, String message) {
    }

    public boolean online() {
        return steps.stream().allMatch(s -> s.way().online());
    }
}
