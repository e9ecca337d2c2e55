package dev.formation.security;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one role may do on one form (or every form, "*"). {@code unowned} names actions the role
 * may also do on rows nobody owns (seed 002: salespeople view customers in the public pool);
 * {@code created} the actions it may also do on rows the user entered, whoever owns them now
 * (seed 000 §7.1: a sales assistant sees what it entered for a salesperson).
 */
public record Grant(Set<String> actions, Scope scope, Map<String, Scope> actionScopes, Scope list,
                    List<String> listColumns, Map<String, FieldAccess> fields, Set<String> unowned,
                    Set<String> created) {

    public Scope scopeOf(String action) {
        return actionScopes.getOrDefault(action, scope);
    }
}
