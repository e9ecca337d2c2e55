/**
 * Report rendering with JasperReports: a {@link dev.formation.report.render.ReportLayout} (title,
 * table columns, chart, number card) becomes a JRXML template ({@link dev.formation.report.render.TemplateGenerator}),
 * its columns as wide as their values need ({@link dev.formation.report.render.ColumnSizer}), compiled in
 * memory and cached by the SHA-256 of its text ({@link dev.formation.report.render.TemplateCache}),
 * then filled with rows and written as PDF, XLSX or a PNG image of a chart
 * ({@link dev.formation.report.render.ReportRenderer}). CSV is the table's plain data, written from
 * the rows; {@link dev.formation.report.render.ValueFormat} is how values read everywhere else.
 * <p>
 * Owns the report font, a JasperReports font extension ({@code fonts/formation-fonts.xml},
 * registered by {@code jasperreports_extension.properties}): every text, chart label and PDF uses
 * it, never an OS font. Compiled {@code .jasper} files are never loaded (that is deserialization);
 * templates only come from JRXML text the app generates, ships, or the installation puts in its
 * templates folder (trusted like the app: a template's Java expressions run in it).
 */
package dev.formation.report.render;
