package dev.formation.report;

import dev.formation.form.FieldType;
import dev.formation.form.PlatformColumns;
import dev.formation.store.Database;
import dev.formation.store.SqlCondition;
import dev.formation.store.SqlNames;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Compiles a report's dataset to one SQL statement. Identifiers come from the compiled
 * definition (validated metadata), values are bound, and the viewer's row scope is a
 * condition inside the WHERE clause, so aggregates count only rows the viewer may read.
 */
final class DatasetSql {

    /** The statement and its bind values. */
    record Statement(String sql, List<Object> params) {
    }

    private DatasetSql() {
    }

    static Statement compile(ReportDefinition report, Map<String, Object> paramValues, SqlCondition scope,
                             Database db, int maxRows) {
        List<Object> params = new ArrayList<>();
        StringJoiner select = new StringJoiner(", ");
        List<String> groupExprs = new ArrayList<>();
        if (report.isAggregate()) {
            for (ReportDefinition.Output g : report.groups()) {
                // a blank text is as empty as NULL: both are the one "not set" group
                String col = isText(g.ref()) ? "NULLIF(" + column(g.ref()) + ", '')" : column(g.ref());
                String expr = bucket(col, g.bucket(), db);
                select.add(expr + " AS " + SqlNames.q(g.key()));
                groupExprs.add(expr);
            }
            for (ReportDefinition.Measure m : report.measures()) {
                select.add(measure(m) + " AS " + SqlNames.q(m.key()));
            }
        } else {
            for (ReportDefinition.Output c : report.columns()) {
                select.add(column(c.ref()) + " AS " + SqlNames.q(c.key()));
            }
        }
        StringBuilder sql = new StringBuilder("SELECT ").append(select).append(" FROM ")
                .append(SqlNames.q(SqlNames.table(report.form()))).append(" `t`");
        for (ReportDefinition.Join join : report.joins()) {
            String alias = SqlNames.q(join.alias());
            sql.append(" LEFT JOIN ").append(SqlNames.q(SqlNames.table(join.target()))).append(' ').append(alias)
                    .append(" ON ").append(alias).append(".`id` = `t`.").append(SqlNames.q(join.field().key()))
                    .append(" AND ").append(alias).append(".`deleted_at` IS NULL");
        }
        sql.append(" WHERE `t`.`deleted_at` IS NULL AND (").append(scope.sql()).append(')');
        params.addAll(scope.params());
        for (ReportDefinition.Filter f : report.filters()) {
            Object value = f.param() != null ? paramValues.get(f.param()) : f.value();
            filter(sql, params, f, value);
        }
        if (!groupExprs.isEmpty()) {
            sql.append(" GROUP BY ").append(String.join(", ", groupExprs));
        }
        List<String> order = new ArrayList<>();
        for (String key : report.sort()) {
            boolean desc = key.startsWith("-");
            order.add(SqlNames.q(desc ? key.substring(1) : key) + (desc ? " DESC" : " ASC"));
        }
        if (order.isEmpty() && !groupExprs.isEmpty()) {
            groupExprs.forEach(e -> order.add(e + " ASC"));
        }
        if (!order.isEmpty()) {
            sql.append(" ORDER BY ").append(String.join(", ", order));
        }
        int limit = report.limit() == null ? maxRows : Math.min(report.limit(), maxRows);
        sql.append(" LIMIT ?");
        params.add(limit);
        return new Statement(sql.toString(), params);
    }

    static String column(ReportDefinition.Ref ref) {
        return SqlNames.q(ref.alias()) + "." + SqlNames.q(ref.column());
    }

    /** Whether a field is stored as text (a blank value is then as empty as NULL). */
    private static boolean isText(ReportDefinition.Ref ref) {
        if (ref.field() == null) {
            return List.of(PlatformColumns.CODE, PlatformColumns.OWNER, PlatformColumns.STATUS,
                    PlatformColumns.CREATED_BY, PlatformColumns.UPDATED_BY).contains(ref.column());
        }
        return switch (ref.field().valueType()) {
            case NUMBER, INTEGER, MONEY, PERCENT, DATE, DATETIME, BOOLEAN, REFERENCE, TABLE -> false;
            default -> true;
        };
    }

    /**
     * Time and region buckets in SQL both H2 (MySQL mode) and MySQL understand. An empty value is
     * in no bucket but the empty group: H2's CONCAT skips NULL arguments, so without the CASE a
     * record without a date would land in a month named "-".
     */
    private static String bucket(String col, String bucket, Database db) {
        if (bucket == null) {
            return col;
        }
        return "CASE WHEN " + col + " IS NULL THEN NULL ELSE " + bucketOf(col, bucket, db) + " END";
    }

    private static String bucketOf(String col, String bucket, Database db) {
        return switch (bucket) {
            case "day" -> "CAST(" + col + " AS DATE)";
            case "week" -> db == Database.MYSQL ? "CONCAT(YEAR(" + col + "), '-W', LPAD(WEEK(" + col + ", 3), 2, '0'))"
                    : "CONCAT(ISO_YEAR(" + col + "), '-W', LPAD(ISO_WEEK(" + col + "), 2, '0'))";
            case "month" -> "CONCAT(YEAR(" + col + "), '-', LPAD(MONTH(" + col + "), 2, '0'))";
            case "quarter" -> "CONCAT(YEAR(" + col + "), '-Q', QUARTER(" + col + "))";
            case "year" -> "CONCAT(YEAR(" + col + "), '')";
            case "province" -> "LEFT(" + col + ", LOCATE('/', CONCAT(" + col + ", '/')) - 1)";
            default -> throw new IllegalArgumentException("unknown bucket " + bucket);
        };
    }

    private static String measure(ReportDefinition.Measure m) {
        return switch (m.fn()) {
            case "count" -> m.ref() == null ? "COUNT(*)" : "COUNT(" + column(m.ref()) + ")";
            case "count_distinct" -> "COUNT(DISTINCT " + column(m.ref()) + ")";
            case "sum" -> "COALESCE(SUM(" + column(m.ref()) + "), 0)";
            case "avg" -> "AVG(" + column(m.ref()) + ")";
            case "min" -> "MIN(" + column(m.ref()) + ")";
            case "max" -> "MAX(" + column(m.ref()) + ")";
            default -> throw new IllegalArgumentException("unknown measure " + m.fn());
        };
    }

    private static void filter(StringBuilder sql, List<Object> params, ReportDefinition.Filter f, Object value) {
        String col = column(f.ref());
        switch (f.op()) {
            case "empty" -> sql.append(" AND ").append(col).append(" IS NULL");
            case "not_empty" -> sql.append(" AND ").append(col).append(" IS NOT NULL");
            case "between" -> {
                if (value instanceof DateRanges.Range range) {
                    boolean dateOnly = f.ref().field() != null && f.ref().field().valueType() == FieldType.DATE;
                    if (range.from() != null) {
                        sql.append(" AND ").append(col).append(" >= ?");
                        params.add(dateOnly ? range.from() : range.from().atStartOfDay());
                    }
                    if (range.to() != null) {
                        sql.append(" AND ").append(col).append(" < ?");
                        params.add(dateOnly ? range.to() : range.to().atStartOfDay());
                    }
                }
            }
            default -> {
                if (value == null || (value instanceof String s && s.isBlank())) {
                    return; // an unset parameter filters nothing
                }
                switch (f.op()) {
                    case "eq" -> sql.append(" AND ").append(col).append(" = ?");
                    // a record without the field is not equal to the value either: SQL's NULL <> x is not true
                    case "ne" -> sql.append(" AND (").append(col).append(" <> ? OR ").append(col).append(" IS NULL)");
                    case "gte" -> sql.append(" AND ").append(col).append(" >= ?");
                    case "lte" -> sql.append(" AND ").append(col).append(" <= ?");
                    case "contains" -> sql.append(" AND ").append(col).append(" LIKE ?");
                    case "in" -> {
                        List<?> values = value instanceof List<?> l ? l : List.of(value);
                        sql.append(" AND ").append(col).append(" IN (")
                                .append(String.join(", ", java.util.Collections.nCopies(values.size(), "?"))).append(')');
                        params.addAll(values);
                        return;
                    }
                    default -> throw new IllegalArgumentException("unknown filter " + f.op());
                }
                params.add("contains".equals(f.op()) ? "%" + value + "%" : value instanceof LocalDate d ? d : value);
            }
        }
    }
}
