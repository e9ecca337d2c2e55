package dev.formation.store;

import java.util.List;

/**
 * A WHERE fragment written by engine code (never from user text) with its bind values; used
 * to push row scopes and filters into SQL rather than filtering rows afterwards.
 */
public record SqlCondition(String sql, List<Object> params) {

    public static final SqlCondition NONE = new SqlCondition("1=1", List.of());
}
