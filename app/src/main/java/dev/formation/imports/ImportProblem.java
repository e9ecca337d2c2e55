package dev.formation.imports;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/**
 * Why one cell (or a whole row, {@code field} null) of an import was refused: the sheet and its
 * row number as the spreadsheet shows it, the record's row on the main sheet, the field (a
 * sub-table's as {@code table[i].field}) and its column (0-based) on that sheet.
 */
@MappedEntity("import_errors")
record ImportProblem(@Id @GeneratedValue @Nullable Long id, long importId, String sheet, int sheetRow, int recordRow,
                     @Nullable String field, @Nullable Integer columnIndex, String message) {
}
