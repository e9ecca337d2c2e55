/**
 * What protects a browser's session, for pages and the API alike: one CSRF check that every
 * unsafe request riding on the login cookie passes through, with a token bound to that login
 * (a page's form is decoded there once and bound to its handler as a {@code FormBody});
 * the security headers (CSP, framing, sniffing, referrer) on every response; and the
 * {@code Secure} flag on every cookie set over TLS, directly or behind a TLS proxy.
 */
package dev.formation.web.protection;
