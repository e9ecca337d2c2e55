package dev.formation.plugin.api;

import java.util.List;

/**
 * Finds companies by name or credit code, so a user entering a company types a few characters
 * and picks it instead of copying its registration details by hand. Implementations must be
 * safe to call from several threads at once.
 */
public interface CompanyLookup {

    /**
     * The companies whose name contains every word of {@code query} (ignoring case and spaces),
     * or whose credit code starts with it, best matches first (a name or code equal to the query,
     * then names starting with it).
     *
     * @param query what the user typed, trimmed, at least one character
     * @param limit the most candidates to return, at least 1
     */
    List<CompanyCandidate> search(String query, int limit);

    /** How many companies this lookup knows, for the admin page; -1 when it cannot tell (a live service). */
    int size();
}
