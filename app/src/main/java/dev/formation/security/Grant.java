package dev.formation.security;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** What one role may do on one form (or every form, "*"). */
public record Grant(Set<String> actions, Scope scope, Map<String, Scope> actionScopes, Scope list,
                    List<String> listColumns, Map<String, FieldAccess> fields) {

    public Scope scopeOf(String action) {
        return actionScopes.getOrDefault(action, scope);
    }
}
