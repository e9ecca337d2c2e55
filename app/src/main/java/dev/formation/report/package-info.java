/**
 * Reports and dashboards: report definitions from {@code metadata/reports/} (a dataset over
 * forms plus a presentation) and dashboards, checked into the metadata snapshot
 * ({@link dev.formation.report.ReportCatalog}), compiled to SQL with the viewer's row scope inside the query,
 * run and cached per viewer scope, and rendered by JasperReports ({@code report.render}). Also
 * the hand-designed templates ({@code reports/*.jrxml}, {@link dev.formation.report.TemplateFiles}):
 * packaged, replaced by an installation's copies in {@code formation.reports-dir}, each one the
 * metadata names checked at start-up; a report's presentation or a form's printable documents
 * ({@link dev.formation.report.ReportRendering#print}) fill them.
 */
package dev.formation.report;
