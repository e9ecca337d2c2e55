/**
 * Reports and dashboards: report definitions from {@code metadata/reports/} (a dataset over
 * forms plus a presentation) and dashboards, checked into the metadata snapshot
 * ({@link dev.formation.report.ReportCatalog}), compiled to SQL with the viewer's row scope inside the query,
 * run and cached per viewer scope, and rendered by JasperReports ({@code report.render}).
 */
package dev.formation.report;
