/**
 * Spreadsheet imports into any form's records: the template a person fills in, reading an
 * uploaded XLSX as a stream, turning what people type (labels, names, codes) into stored values,
 * running the import in the background in batches where each row is written (or refused) whole
 * through the record service, the errors sheet, the history, and reverting an import.
 */
package dev.formation.imports;
