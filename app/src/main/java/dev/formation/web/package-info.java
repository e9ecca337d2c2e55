/**
 * HTTP: the REST API under {@code /api} (JSON, problem+json errors, an OpenAPI document) and
 * the server-rendered pages generated from metadata, and {@code web.print}, a record's printable
 * documents as PDF. All call the same services; no rule lives here. This package itself holds what
 * they all read from a request (its locale, the client's address), so none reaches into another.
 * Nothing outside {@code web} uses it.
 */
package dev.formation.web;
