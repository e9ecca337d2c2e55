/**
 * The dashboard pages: each widget's report rendered to HTML by JasperReports and placed on a
 * grid inside the app shell, with the dashboard's shared filters and drill-through links.
 */
package dev.formation.web.report;
