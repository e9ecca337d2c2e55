/**
 * The server-rendered pages: a FreeMarker renderer on micronaut-views-core (HTML output
 * format, so every value is escaped), and the login, shell, list, edit and detail pages that
 * are generated from each form's metadata; a record's history and sharing; the user's own
 * password and delegations; and the administration of users, departments and the logs.
 * Every permission is the engine's decision (its access policy and services): pages only ask,
 * to show a button or a menu entry, and the service refuses a post the user may not make.
 */
package dev.formation.web.page;
