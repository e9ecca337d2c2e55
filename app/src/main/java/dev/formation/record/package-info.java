/**
 * Writing and reading records of any form, for every path (API, pages, later imports and
 * flows): defaults, auto-numbers and computed values, validation against the form's JSON
 * Schema and its conditional rules, database checks (unique, references), storage in one
 * transaction with an audit entry. Pages and API both call {@link dev.formation.record.RecordService}.
 */
package dev.formation.record;
