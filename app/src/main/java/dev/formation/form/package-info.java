/**
 * The compiled form model: a form's fields, their types and constraints, dictionaries and
 * menus, built once from validated metadata ({@link dev.formation.form.FormCompiler}) and
 * cross-checked (dictionaries, referenced forms and expressions resolve). Each form also
 * compiles to the JSON Schema that validates its records ({@link dev.formation.form.RecordSchemaCompiler}).
 */
package dev.formation.form;
