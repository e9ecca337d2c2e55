/**
 * HTTP: the REST API under {@code /api} (JSON, problem+json errors, an OpenAPI document) and
 * the server-rendered pages generated from metadata, and {@code web.print}, a record's printable
 * documents as PDF. All call the same services; no rule lives here. This package itself holds what
 * they all read from a request (its locale, the client's address, the logged-in {@code Actor} and
 * the {@code Locale} as handler arguments: ActorBinder, LocaleResolver), so none reaches into
 * another. The layers: {@code web.api} and {@code web.page} above {@code web.error} (which renders a
 * browser's failure through the pages' {@code ErrorPage}) and {@code web.protection}. Nothing
 * outside {@code web} uses it.
 */
package dev.formation.web;
