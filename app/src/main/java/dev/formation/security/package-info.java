/**
 * Who may do what: users, departments and teams, password hashing, login, tokens and lockout,
 * roles with their per-form grants (compiled into the metadata snapshot as
 * {@link dev.formation.security.RoleCatalog}), row scopes and field access, delegation, and the
 * audit trail of changes. Its tables (users, departments, delegations, audit and login logs) are read
 * and written through the {@code …Repository} interfaces here. It sits below {@code record}: sharing,
 * which checks access to a record, lives there with its tables (shares, added owners).
 */
package dev.formation.security;
