package dev.formation.core;

/**
 * One problem in one row of an uploaded sheet: {@code row} as a spreadsheet numbers it (1 is
 * the header row; 0 for the file as a whole), {@code field} the column's key or header.
 */
public record RowError(int row, String field, String message) {
}
