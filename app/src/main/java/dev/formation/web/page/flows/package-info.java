/**
 * The flow pages: one instance (its form, timeline and the decisions the user may take on it)
 * and the task lists.
 */
package dev.formation.web.page.flows;
