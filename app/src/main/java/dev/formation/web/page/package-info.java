/**
 * The server-rendered pages: a FreeMarker renderer on micronaut-views-core (HTML output
 * format, so every value is escaped), and the login, shell, list, edit and detail pages that
 * are generated from each form's metadata.
 */
package dev.formation.web.page;
