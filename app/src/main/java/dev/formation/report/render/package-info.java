/**
 * Report rendering with JasperReports: a {@link dev.formation.report.render.ReportLayout} (title,
 * table columns, chart, number card) becomes a JRXML template ({@link dev.formation.report.render.TemplateGenerator}),
 * compiled in memory and cached by the SHA-256 of its text ({@link dev.formation.report.render.TemplateCache}),
 * then filled with rows and written as PDF, an HTML fragment, XLSX or CSV
 * ({@link dev.formation.report.render.ReportRenderer}).
 * <p>
 * Owns the report font, a JasperReports font extension ({@code fonts/formation-fonts.xml},
 * registered by {@code jasperreports_extension.properties}): every text, chart label and PDF uses
 * it, never an OS font. Compiled {@code .jasper} files are never loaded (that is deserialization);
 * templates only come from JRXML text the app generates or ships.
 */
package dev.formation.report.render;
