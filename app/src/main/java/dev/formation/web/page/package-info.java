/**
 * What every server-rendered page shares: a FreeMarker renderer on micronaut-views-core (HTML
 * output format, so every value is escaped), the shell (texts in the user's language, menus, the
 * CSRF token the one filter checks), flash messages, the posted form body, query strings and
 * pagers, error summaries, and the presenters that show a record's values and a flow's statuses
 * on any page. The pages themselves live in the subpackages by what they are for: {@code records}
 * (lists, edit, detail, history, sharing, record actions), {@code flows} (an instance, the task
 * lists), {@code account} (login, password, delegations, notifications) and {@code admin}.
 * Every permission is the engine's decision (its access policy and services): pages only ask,
 * to show a button or a menu entry, and the service refuses a post the user may not make.
 */
package dev.formation.web.page;
