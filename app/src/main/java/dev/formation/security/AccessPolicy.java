package dev.formation.security;

import dev.formation.metadata.MetadataHolder;
import dev.formation.form.Form;
import dev.formation.core.Actor;
import dev.formation.store.SqlCondition;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides, from the user's roles, what they may do on a form and on which rows, as SQL
 * conditions the store puts inside its queries: a list, a count, an export and a read by id
 * all see the same rows, and nothing is filtered after the fact.
 */
@Singleton
public class AccessPolicy {

    public static final String READ = "read";
    public static final String CREATE = "create";
    public static final String UPDATE = "update";
    public static final String DELETE = "delete";
    public static final String EXPORT = "export";
    public static final String SHARE = "share";
    private static final String ALL_ROWS = "1=1";

    private final MetadataHolder metadata;
    private final DepartmentRepository departments;

    public AccessPolicy(MetadataHolder metadata, DepartmentRepository departments) {
        this.metadata = metadata;
        this.departments = departments;
    }

    public boolean isAdmin(Actor actor) {
        return actor.roles().stream().map(roles()::role).flatMap(Optional::stream).anyMatch(Role::admin);
    }

    /** Whether one of the actor's roles grants {@code metadata: [action]} ({@code edit} or {@code publish}). */
    public boolean mayChangeMetadata(Actor actor, String action) {
        return actor.roles().stream().map(roles()::role).flatMap(Optional::stream)
                .anyMatch(r -> r.metadata().contains(action));
    }

    private List<Grant> grants(Actor actor, Form form) {
        List<Grant> out = new ArrayList<>();
        for (String key : actor.roles()) {
            roles().role(key).flatMap(r -> r.grant(form.key())).ifPresent(out::add);
        }
        return out;
    }

    /** Whether any role grants the action on some rows of the form. */
    public boolean can(Actor actor, Form form, String action) {
        return isAdmin(actor) || grants(actor, form).stream().anyMatch(g -> g.actions().contains(action));
    }

    /** The widest scope any role grants for the action, or empty if none does. */
    public Optional<Scope> scope(Actor actor, Form form, String action) {
        if (isAdmin(actor)) {
            return Optional.of(Scope.ALL);
        }
        Scope widest = null;
        for (Grant g : grants(actor, form)) {
            if (g.actions().contains(action)) {
                widest = g.scopeOf(action).widest(widest);
            }
        }
        return Optional.ofNullable(widest);
    }

    /** Rows the action may touch; reading also reaches rows shared with the user. */
    public SqlCondition rows(Actor actor, Form form, String action) {
        return rows(actor, form, action, null);
    }

    /** The same, for a query where the form's table has an alias (reports join several tables). */
    public SqlCondition rows(Actor actor, Form form, String action, String alias) {
        Optional<Scope> scope = scope(actor, form, action);
        List<SqlCondition> any = new ArrayList<>();
        scope.ifPresent(s -> any.add(scopeCondition(actor, form, s, alias)));
        if (grants(actor, form).stream().anyMatch(g -> g.unowned().contains(action))) {
            any.add(new SqlCondition(prefix(alias) + "`owner` IS NULL", List.of()));
        }
        if (grants(actor, form).stream().anyMatch(g -> g.created().contains(action))) {
            any.add(new SqlCondition(prefix(alias) + "`created_by` = ?", List.of(actor.username())));
        }
        if (READ.equals(action)) {
            any.add(sharedWith(actor, form, alias));
        }
        return or(any);
    }

    /** Rows the user may see in a list: those it may read, and those its roles only list. */
    public SqlCondition listRows(Actor actor, Form form) {
        List<SqlCondition> any = new ArrayList<>();
        any.add(rows(actor, form, READ));
        Scope listScope = null;
        for (Grant g : grants(actor, form)) {
            if (g.list() != null) {
                listScope = g.list().widest(listScope);
            }
        }
        if (listScope != null) {
            any.add(scopeCondition(actor, form, listScope, null));
        }
        return or(any);
    }

    /** Columns shown for rows the user may list but not open. */
    public List<String> listOnlyColumns(Actor actor, Form form) {
        Set<String> columns = new LinkedHashSet<>(List.of("id"));
        grants(actor, form).forEach(g -> columns.addAll(g.listColumns()));
        return List.copyOf(columns);
    }

    /** Per field, the most generous access any of the user's roles gives (editable when unnamed). */
    public Map<String, FieldAccess> fields(Actor actor, Form form) {
        Map<String, FieldAccess> out = new HashMap<>();
        if (isAdmin(actor)) {
            return out;
        }
        List<Grant> grants = grants(actor, form);
        for (var field : form.fields()) {
            FieldAccess access = null;
            for (Grant g : grants) {
                access = g.fields().getOrDefault(field.key(), FieldAccess.EDITABLE).mostGenerous(access);
            }
            if (access != null && access != FieldAccess.EDITABLE) {
                out.put(field.key(), access);
            }
        }
        return out;
    }

    /**
     * Records the user owns: the main owner or an added owner. Having entered a record is no
     * ownership: a creator who handed it over keeps only what a role grants on rows it
     * {@code created}.
     */
    public SqlCondition own(Actor actor, Form form) {
        return own(actor, form, null);
    }

    private SqlCondition own(Actor actor, Form form, String alias) {
        return new SqlCondition(("(%1$s`owner` = ? OR %1$s`id` IN "
                + "(SELECT `record_id` FROM ").formatted(prefix(alias)) + "`record_owners` WHERE `form_key` = ? AND `username` = ?))",
                List.of(actor.username(), form.key(), actor.username()));
    }

    /** {@code t.} for an alias, nothing without; aliases are the engine's own identifiers. */
    private static String prefix(String alias) {
        return alias == null ? "" : dev.formation.store.SqlNames.q(alias) + ".";
    }

    public SqlCondition sharedWith(Actor actor, Form form) {
        return sharedWith(actor, form, null);
    }

    private SqlCondition sharedWith(Actor actor, Form form, String alias) {
        Set<String> depts = organisation().ancestorsOrSelf(actor.department());
        List<Object> params = new ArrayList<>(List.of(form.key(), actor.username()));
        String deptClause = "";
        if (!depts.isEmpty()) {
            deptClause = " OR `department` IN (" + marks(depts.size()) + ")";
            params.addAll(depts);
        }
        String sql = "%s`id` IN (SELECT `record_id` FROM `record_shares` WHERE `form_key` = ? AND (`username` = ?%s))";
        return new SqlCondition(sql.formatted(prefix(alias), deptClause), params);
    }

    public SqlCondition sharedBy(Actor actor, Form form) {
        return new SqlCondition("`id` IN (SELECT `record_id` FROM `record_shares` WHERE `form_key` = ? AND `shared_by` = ?)",
                List.of(form.key(), actor.username()));
    }

    private SqlCondition scopeCondition(Actor actor, Form form, Scope scope, String alias) {
        if (scope == Scope.ALL) {
            return new SqlCondition(ALL_ROWS, List.of());
        }
        SqlCondition own = own(actor, form, alias);
        if (scope == Scope.OWN) {
            return own;
        }
        Set<String> depts = organisation().departmentsOf(scope, actor.department());
        if (depts.isEmpty()) {
            return own;
        }
        List<Object> params = new ArrayList<>(own.params());
        params.addAll(depts);
        String sql = "(%s OR %s`owner` IN (SELECT `username` FROM `users` WHERE `department` IN (%s)))";
        return new SqlCondition(sql.formatted(own.sql(), prefix(alias), marks(depts.size())), params);
    }

    /** Records owned by someone in a department or team, or in one below it. */
    public SqlCondition ownedWithin(String department, String alias) {
        Set<String> depts = organisation().subtree(department);
        List<Object> params = new ArrayList<>(depts);
        String sql = "%s`owner` IN (SELECT `username` FROM `users` WHERE `department` IN (%s))";
        return new SqlCondition(sql.formatted(prefix(alias), marks(depts.size())), params);
    }

    public Organisation organisation() {
        return new Organisation(departments.findAll());
    }

    public static SqlCondition or(Collection<SqlCondition> conditions) {
        if (conditions.isEmpty()) {
            return new SqlCondition("1=0", List.of());
        }
        // a condition that holds for every row makes the others moot; dropping them keeps the
        // optimiser on the indexes instead of evaluating a subquery per row
        if (conditions.stream().anyMatch(c -> ALL_ROWS.equals(c.sql()))) {
            return new SqlCondition(ALL_ROWS, List.of());
        }
        if (conditions.size() == 1) {
            return conditions.iterator().next();
        }
        StringBuilder sql = new StringBuilder("(");
        List<Object> params = new ArrayList<>();
        for (SqlCondition c : conditions) {
            if (sql.length() > 1) {
                sql.append(" OR ");
            }
            sql.append('(').append(c.sql()).append(')');
            params.addAll(c.params());
        }
        return new SqlCondition(sql.append(')').toString(), params);
    }

    public static SqlCondition and(SqlCondition a, SqlCondition b) {
        List<Object> params = new ArrayList<>(a.params());
        params.addAll(b.params());
        return new SqlCondition("(%s) AND (%s)".formatted(a.sql(), b.sql()), params);
    }

    private static String marks(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    private RoleCatalog roles() {
        return metadata.current().get(RoleCatalog.class);
    }
}
