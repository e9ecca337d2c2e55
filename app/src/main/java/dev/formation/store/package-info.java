/**
 * Form records in the database: one table per form ({@code f_<form>}), one column per
 * scalar field, one child table per sub-table field. {@link dev.formation.store.SchemaSync}
 * creates tables, adds columns and indexes and widens columns, never drops or narrows;
 * {@link dev.formation.store.RecordStore} reads and writes records with bind parameters only
 * and optimistic locking. Identifiers come only from validated metadata.
 *
 * <p>Hand-written JDBC is for those dynamic tables (and the file parts
 * {@link dev.formation.store.DatabaseFileStorage} streams); the fixed tables kept here (files'
 * rows and links, number counters, metadata versions, start-up tasks, the tenant's metadata layer
 * ({@link dev.formation.store.TenantLayer}: its draft and published versions)) go through
 * {@code …Repository} interfaces, which {@link dev.formation.store.Tx} transactions share with the
 * record SQL. {@link dev.formation.store.JsonMapConverter} stores the JSON columns of entities.
 *
 * <p>Every table here is the current tenant's: {@link dev.formation.store.TenantRouting} wraps the
 * pool so each connection is pointed at that tenant's schema as it is taken
 * ({@link dev.formation.store.TenantSchemas}, which also creates and migrates a tenant's schema).
 */
package dev.formation.store;
