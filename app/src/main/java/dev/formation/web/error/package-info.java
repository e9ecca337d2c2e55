/**
 * Turns every failure into a clear answer: problem+json (RFC 9457) with field errors on the
 * API, a page (the pages' {@link dev.formation.web.error.ErrorPage}, so nothing here depends on a page)
 * or a redirect to the login for the browser, and never a stack trace to a user.
 */
package dev.formation.web.error;
