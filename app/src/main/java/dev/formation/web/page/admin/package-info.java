/**
 * The administration pages: users, departments, the audit log and the login log.
 */
package dev.formation.web.page.admin;
