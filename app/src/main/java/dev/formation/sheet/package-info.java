/**
 * Spreadsheets in and out (Apache POI): writing a workbook of text sheets with a header row, and
 * reading an uploaded XLSX back as rows of text, the way a person typed them. What the columns
 * mean belongs to the callers.
 */
package dev.formation.sheet;
