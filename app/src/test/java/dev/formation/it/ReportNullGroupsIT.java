package dev.formation.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.formation.metadata.MetadataHolder;
import dev.formation.report.ReportCatalog;
import dev.formation.report.ReportDefinition;
import dev.formation.store.SqlNames;
import dev.formation.testing.Api;
import dev.formation.testing.AppTestBase;
import dev.formation.testing.Exports;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Records whose grouped fields are empty (legacy rows, fields that became required later, a
 * reference to nothing): every shipped report groups them under "not set" in every presentation
 * and format, and the dashboards render. In its own database the test empties every nullable
 * column any report groups by, and every reference a report joins through, on every second row:
 * on rows 4n with the owner too, on rows 4n+2 keeping the owner, so that a salesperson's own
 * reports ("my ...", filtered by the viewer) have empty groups of their own.
 */
class ReportNullGroupsIT extends AppTestBase {

    private static final String NOT_SET = "未填写";
    private static final String NOT_SET_EN = "Not set";

    private final List<ReportDefinition> reports = new ArrayList<>();
    /** Per table, the columns that were emptied. */
    private final Map<String, Set<String>> emptied = new LinkedHashMap<>();
    private Exports exports;

    @BeforeAll
    void emptyEveryGroupedField() throws Exception {
        exports = new Exports(app, api);
        reports.addAll(app.context().getBean(MetadataHolder.class).current().get(ReportCatalog.class).reports());
        Map<String, Set<String>> viewers = new LinkedHashMap<>();
        for (ReportDefinition r : reports) {
            for (ReportDefinition.Output g : r.groups()) {
                emptied.computeIfAbsent(SqlNames.table(g.ref().form()), t -> new LinkedHashSet<>()).add(g.ref().column());
            }
            for (ReportDefinition.Join j : r.joins()) {
                emptied.computeIfAbsent(SqlNames.table(r.form()), t -> new LinkedHashSet<>()).add(j.field().key());
            }
            viewerFilter(r).ifPresent(f -> viewers.computeIfAbsent(SqlNames.table(r.form()), t -> new LinkedHashSet<>())
                    .add(f.ref().column()));
        }
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (Map.Entry<String, Set<String>> e : emptied.entrySet()) {
                Set<String> nullable = new LinkedHashSet<>();
                for (String column : e.getValue()) {
                    if (nullable(c, e.getKey(), column)) {
                        nullable.add(column);
                    }
                }
                e.getValue().retainAll(nullable);
                Set<String> kept = viewers.getOrDefault(e.getKey(), Set.of());
                empty(s, e.getKey(), e.getValue(), "MOD(`id`, 4) = 0");
                empty(s, e.getKey(), e.getValue().stream().filter(col -> !kept.contains(col)).toList(), "MOD(`id`, 4) = 2");
            }
        }
    }

    private static void empty(Statement s, String table, java.util.Collection<String> columns, String rows)
            throws java.sql.SQLException {
        if (!columns.isEmpty()) {
            s.executeUpdate("UPDATE `" + table + "` SET " + String.join(", ", columns.stream()
                    .map(col -> "`" + col + "` = NULL").toList()) + " WHERE " + rows);
        }
    }

    /** The filter of a report that defaults to the viewer ("my ..." reports), if it has one. */
    private static java.util.Optional<ReportDefinition.Filter> viewerFilter(ReportDefinition r) {
        for (ReportDefinition.Param p : r.params()) {
            if ("$user".equals(p.defaultValue())) {
                return r.filters().stream().filter(f -> p.key().equals(f.param())).findFirst();
            }
        }
        return java.util.Optional.empty();
    }

    /** All time, and for a "my ..." report the owner of a row whose groups are empty but whose owner is not. */
    private String query(ReportDefinition r) {
        StringJoiner query = new StringJoiner("&");
        if (!Exports.widestParams(r).isEmpty()) {
            query.add(Exports.widestParams(r));
        }
        viewerFilter(r).ifPresent(f -> query.add(f.param() + "=" + db.queryString("SELECT `" + f.ref().column()
                + "` FROM `" + SqlNames.table(r.form()) + "` WHERE MOD(`id`, 4) = 2 AND `" + f.ref().column()
                + "` IS NOT NULL AND `deleted_at` IS NULL ORDER BY `id` LIMIT 1")));
        return query.toString();
    }

    /** Whether the test emptied what a group reads: its column, or the reference its join follows. */
    private boolean emptiable(ReportDefinition r, ReportDefinition.Output g) {
        return !"t".equals(g.ref().alias())
                || emptied.getOrDefault(SqlNames.table(g.ref().form()), Set.of()).contains(g.ref().column());
    }

    @Test
    void theManagerDashboardShowsCustomersWithoutATypeAsTheirOwnSlice() {
        String zh = api.as("manager1").get("/dashboards/sales_overview").expect(200).body();
        assertTrue(zh.contains(NOT_SET), "the dashboard names the empty group");
        String en = api.as("manager1").english().get("/dashboards/sales_overview").expect(200).body();
        assertTrue(en.contains(NOT_SET_EN), "the dashboard names the empty group in English");
        api.as("sales1").get("/dashboards/my_sales").expect(200);
        api.as("leader1").get("/dashboards/sales_overview?period=all").expect(200);
    }

    @Test
    void everyGroupOfEveryReportHasItsNotSetRowInJson() {
        List<String> missing = new ArrayList<>();
        for (ReportDefinition r : reports) {
            if (r.groups().isEmpty()) {
                continue;
            }
            for (boolean english : List.of(false, true)) {
                Api.Call as = english ? api.as("admin").english() : api.as("admin");
                JsonNode run = as.get("/api/reports/" + r.key() + "?" + query(r)).expect(200).json();
                for (ReportDefinition.Output g : r.groups()) {
                    if (!emptiable(r, g)) {
                        continue;
                    }
                    boolean found = false;
                    for (JsonNode row : run.get("rows")) {
                        found |= Set.of(NOT_SET, NOT_SET_EN).contains(row.path(g.key()).asText());
                        assertFalse(row.get(g.key()).isNull(), r.key() + ": a group is never null: " + row);
                    }
                    if (!found) {
                        missing.add(r.key() + "." + g.key() + (english ? " (en)" : ""));
                    }
                }
            }
        }
        assertEquals(List.of(), missing, "groups without their not-set row");
    }

    @Test
    void theNotSetLabelFollowsTheLanguage() {
        JsonNode zh = api.as("admin").get("/api/reports/customers_by_type").expect(200).json();
        JsonNode en = api.as("admin").english().get("/api/reports/customers_by_type").expect(200).json();
        assertTrue(zh.get("rows").toString().contains(NOT_SET), zh.toString());
        assertTrue(en.get("rows").toString().contains(NOT_SET_EN), en.toString());
    }

    @Test
    void everyReportRendersInEveryFormat() throws Exception {
        List<String> failures = new ArrayList<>();
        for (ReportDefinition r : reports) {
            String query = query(r);
            for (String format : List.of("pdf", "xlsx", "csv")) {
                Exports.Download d = exports.download("admin", "/api/reports/" + r.key() + "/export?format=" + format
                        + "&" + query);
                if (d.status() != 200) {
                    failures.add(r.key() + "." + format + " -> " + d.status() + " " + d.text());
                    continue;
                }
                if (r.groups().stream().anyMatch(g -> emptiable(r, g))) {
                    String text = switch (format) {
                        case "pdf" -> Exports.pdfText(d.body());
                        case "xlsx" -> String.join("\n", Exports.xlsxText(d.body()));
                        default -> d.text();
                    };
                    if (!text.contains(NOT_SET)) {
                        failures.add(r.key() + "." + format + " does not show " + NOT_SET);
                    }
                }
            }
        }
        assertEquals(List.of(), failures);
    }

    private static boolean nullable(Connection c, String table, String column) throws java.sql.SQLException {
        DatabaseMetaData meta = c.getMetaData();
        for (String t : List.of(table, table.toUpperCase(Locale.ROOT))) {
            try (ResultSet rs = meta.getColumns(c.getCatalog(), null, t, null)) {
                while (rs.next()) {
                    if (rs.getString("COLUMN_NAME").equalsIgnoreCase(column)) {
                        return rs.getInt("NULLABLE") == DatabaseMetaData.columnNullable;
                    }
                }
            }
        }
        return false;
    }
}
