/**
 * Who may do what: users and departments, password hashing, login and tokens, and the audit
 * trail of changes. (Roles, row scopes, sharing and delegation grow here.)
 */
package dev.formation.security;
