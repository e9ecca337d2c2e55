/**
 * HTTP: the REST API under {@code /api} (JSON, problem+json errors, an OpenAPI document) and
 * the server-rendered pages generated from metadata. Both call the same services; no rule
 * lives here.
 */
package dev.formation.web;
