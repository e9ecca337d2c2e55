/**
 * The pages generated from each form's metadata: the home cards, the list, the edit page (and
 * creating for someone else), the detail page with its sections, actions, change requests and
 * the flows a record can start or is in, a record's history and its sharing.
 */
package dev.formation.web.page.records;
