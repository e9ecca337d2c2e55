/**
 * A form's list as a file (XLSX or CSV): the rows the viewer may export, with labels instead of
 * stored keys (options, users, departments, referenced records), typed spreadsheet cells (codes as
 * text, dates and money as numbers with formats) and each sub-table on its own sheet keyed by the
 * parent row. Rows arrive page by page and go straight to disk (POI's SXSSF keeps a small window
 * of rows in memory), so a file of a million rows needs no more heap than one of a hundred.
 */
package dev.formation.web.export;
