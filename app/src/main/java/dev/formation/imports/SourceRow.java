package dev.formation.imports;

import java.util.List;

/** A row as the sheet holds it: its row number (1 for the sheet's first row) and its cells as text. */
record SourceRow(int row, List<String> cells) {
}
