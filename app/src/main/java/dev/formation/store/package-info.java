/**
 * Form records in the database: one table per form ({@code f_<form>}), one column per
 * scalar field, one child table per sub-table field. {@link dev.formation.store.SchemaSync}
 * creates tables, adds columns and indexes and widens columns, never drops or narrows;
 * {@link dev.formation.store.RecordStore} reads and writes records with bind parameters only
 * and optimistic locking. Identifiers come only from validated metadata.
 */
package dev.formation.store;
