/**
 * The service-provider interface of Formation: the only types a plugin sees.
 *
 * <p>Each extension point is a triad, as in Keycloak: an SPI (the interface the
 * engine calls, e.g. {@link dev.formation.plugin.api.FieldFormat}), a provider
 * (one implementation) and a factory that the engine discovers with
 * {@link java.util.ServiceLoader} and asks for the provider. This module has no
 * dependencies, so a plugin never compiles against the engine.
 *
 * <p>The extension points: {@link dev.formation.plugin.api.FieldFormat} (a value format fields
 * declare), {@link dev.formation.plugin.api.Notifier} (a channel for notifications),
 * {@link dev.formation.plugin.api.FileStorage} (where uploads live),
 * {@link dev.formation.plugin.api.CompanyLookup} (companies by name or credit code, to prefill a form) and
 * {@link dev.formation.plugin.api.RecordHook} (a rule or reaction around every record write,
 * which may veto it with field errors).
 */
package dev.formation.plugin.api;
