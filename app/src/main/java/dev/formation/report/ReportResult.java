package dev.formation.report;

import java.util.List;
import java.util.Map;

/**
 * The rows of one run of a report, with its columns (key, label, type) and the parameter
 * values it ran with (named ranges resolved to dates).
 */
public record ReportResult(ReportDefinition report, List<Column> columns, List<Map<String, Object>> rows,
                           Map<String, Object> params) {

    /** type: text, integer, number, money, percent, date. */
    public record Column(String key, String label, String type) {
    }
}
