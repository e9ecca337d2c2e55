package dev.formation.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Figure 3: the manager's {@code sales_overview} and a salesperson's {@code my_sales}, the
 * page's server time p50/p95 over {@code runs} views. Cold runs on an app started with the
 * report cache off ({@code formation.report-cache-seconds=0}): every view queries and renders;
 * warm on one with the default cache, after a first view filled it.
 */
final class DashboardFigures {

    private DashboardFigures() {
    }

    static void run(String temperature, Http manager, Http salesperson, int runs, int budgetSeconds) {
        measure("dashboard_sales_overview_manager1_" + temperature, manager, "/dashboards/sales_overview", runs,
                budgetSeconds);
        measure("dashboard_my_sales_sales1_" + temperature, salesperson, "/dashboards/my_sales", runs, budgetSeconds);
    }

    private static void measure(String name, Http http, String path, int runs, int budgetSeconds) {
        try {
            double first = http.timedGet(path);
            Figures.print(name + "_first", first, "ms");
            List<Double> ms = new ArrayList<>();
            long start = System.nanoTime();
            while (ms.size() < runs && System.nanoTime() - start < budgetSeconds * 1_000_000_000L) {
                ms.add(http.timedGet(path));
            }
            Figures.print(name + "_p50", Figures.percentile(ms, 50), "ms", "n=" + ms.size());
            Figures.print(name + "_p95", Figures.percentile(ms, 95), "ms", "n=" + ms.size());
        } catch (Exception e) {
            Figures.unavailable(name, e.toString());
        }
    }
}
