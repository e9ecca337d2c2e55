/**
 * Company lookup: the registry file a tenant's administrator loads (kept in the tenant's
 * database), read into the {@code CompanyLookup} of a plugin once per node and file, and
 * searched when a form field that declares {@code lookup: {source: company}} is typed into.
 */
package dev.formation.lookup;
