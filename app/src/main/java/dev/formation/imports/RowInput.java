package dev.formation.imports;

import dev.formation.core.FieldError;

import java.util.List;
import java.util.Map;

/**
 * One record's worth of a spreadsheet made ready for the record service: the input map (sub-table
 * rows included), or the cells it could not read; and where each of its sub-table rows came from,
 * so that an error on {@code contacts[1].mobile} is shown on the contacts sheet's own row.
 *
 * @param childRows sub-table key → the sheet rows of its entries, in input order
 */
record RowInput(SourceRow source, Map<String, Object> input, List<FieldError> errors,
                Map<String, List<SourceRow>> childRows) {
}
