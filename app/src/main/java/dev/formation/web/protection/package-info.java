/**
 * What protects a browser's session, for pages and the API alike: one CSRF check that every
 * unsafe request riding on the login cookie passes through, with a token bound to that login.
 */
package dev.formation.web.protection;
