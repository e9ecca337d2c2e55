/**
 * The few types every layer shares: who acts ({@link dev.formation.core.Actor}) and the refusals any layer may
 * raise and {@code web.error} answers (bad request, not found, forbidden, conflict, state conflict, validation with
 * its {@link dev.formation.core.FieldError}s), and the tenant a unit of work belongs to
 * ({@link dev.formation.core.TenantScope}, with {@link dev.formation.core.EachTenant} to run a job for
 * every tenant). It sits below every other package and depends on nothing of ours, so
 * {@code security}, {@code record}, {@code report} and {@code web} can all use it without reaching into each other.
 */
package dev.formation.core;
