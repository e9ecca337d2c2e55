/**
 * The compiled form model: a form's fields, their types and constraints, dictionaries and
 * menus, built from validated metadata ({@link dev.formation.form.FormCompiler}) into the
 * metadata snapshot and cross-checked (dictionaries, referenced forms and expressions resolve),
 * and a form's printable documents ({@link dev.formation.form.FormPrint}: which template, which
 * related records). Each form also compiles to the JSON Schema that validates its records
 * ({@link dev.formation.form.RecordSchemaCompiler}, kept with the snapshot in
 * {@link dev.formation.form.FormSchemas}).
 */
package dev.formation.form;
