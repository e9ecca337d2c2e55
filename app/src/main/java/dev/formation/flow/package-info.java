/**
 * Approval flows: definitions read from {@code metadata/flows/} and compiled against the forms
 * into the metadata snapshot ({@link dev.formation.flow.FlowDefinitions}), their stored versions
 * ({@link dev.formation.flow.FlowCatalog}), instances that run on a snapshot of the definition they started on, tasks and their inbox,
 * the effects of an outcome on the record (status, fields, a change set, ownership), in-app and
 * e-mail notifications, and the background jobs (timeouts, e-mail outbox) that run on one node
 * at a time. What a record's pages offer (which flows an actor may start or withdraw now) is
 * answered here too, by the rules that refuse the rest ({@code FlowOffers}), so a page and the
 * API cannot disagree. Everything about a particular business (which form, which roles) is in the metadata.
 * Its tables go through the {@code …Repository} interfaces here (the row locks and the lease and
 * e-mail claims as {@code @Query} updates); {@link dev.formation.flow.FlowStore} is what the rest
 * of the package calls.
 */
package dev.formation.flow;
