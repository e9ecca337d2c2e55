/**
 * Writing and reading records of any form, for every path (API, pages, flows, demo, later
 * imports and bulk edits). {@link dev.formation.record.RecordService} decides whether the actor
 * may write at all; {@link dev.formation.record.WritePreparer} prepares each write once (clean,
 * merge with the stored row, defaults, numbers and computed values from
 * {@link dev.formation.record.RecordValues}, validation against the form's JSON Schema and its
 * rules) and {@link dev.formation.record.WriteCommitter} stores it once (database checks, row,
 * child rows, files, audit) in one transaction. {@link dev.formation.record.RecordHooks} runs the
 * record hooks at each write: the engine's own ({@link dev.formation.record.EngineRecordHook},
 * e.g. flow locks and change-request fields) and the plugins' (SPI
 * {@code dev.formation.plugin.api.RecordHook}). It also owns the shares and added owners of a record
 * ({@link dev.formation.record.SharingService}) and reads a list's request parameters as a list query
 * ({@link dev.formation.record.ListQueries}, the same for API and pages).
 */
package dev.formation.record;
