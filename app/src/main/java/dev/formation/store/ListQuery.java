package dev.formation.store;

import java.util.List;
import java.util.Map;

/**
 * A page of a form's list: keywords (each must match one of the form's search fields),
 * equality filters on columns, sort keys ({@code -name} is descending), the rows the viewer may
 * list ({@code scope}) and, of those, the rows they may open ({@code readable}; null: all).
 */
public record ListQuery(List<String> keywords, Map<String, Object> filters, List<String> sort,
                        int page, int size, SqlCondition scope, SqlCondition readable) {

    public static final int MAX_SIZE = 200;

    public ListQuery {
        page = Math.max(page, 1);
        size = Math.min(Math.max(size, 1), MAX_SIZE);
        scope = scope == null ? SqlCondition.NONE : scope;
    }

    public ListQuery(List<String> keywords, Map<String, Object> filters, List<String> sort, int page, int size,
                     SqlCondition scope) {
        this(keywords, filters, sort, page, size, scope, null);
    }

    /** The same page with the viewer's row scope, and which rows of it they may open. */
    public ListQuery scoped(SqlCondition rows, SqlCondition readableRows) {
        return new ListQuery(keywords, filters, sort, page, size, rows, readableRows);
    }

    /** A long: page 2147483647 of 200 rows lies beyond every table, it must not wrap to a negative offset. */
    public long offset() {
        return (page - 1L) * size;
    }
}
