/**
 * The signed-in user's own pages: login and logout (the login cookie), their password, their
 * delegations and their notifications.
 */
package dev.formation.web.page.account;
