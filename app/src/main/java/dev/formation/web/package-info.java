/**
 * HTTP: the REST API under {@code /api} (JSON, problem+json errors, an OpenAPI document) and
 * the server-rendered pages generated from metadata, and {@code web.print}, a record's printable
 * documents as PDF. All call the same services; no rule lives here.
 */
package dev.formation.web;
