package dev.formation.form;

/**
 * A reference that must agree with another field of the same record: the referenced record's
 * {@code via} field holds the same value as this record's {@code field} (a payment's deal
 * must be a deal of the payment's customer). In a sub-table row, {@code field} names a column
 * of the row when it has one, else a field of the record.
 */
public record MustMatch(String field, String via) {
}
