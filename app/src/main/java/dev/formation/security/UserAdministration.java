package dev.formation.security;

import dev.formation.metadata.MetadataHolder;
import dev.formation.i18n.Texts;
import dev.formation.core.Actor;
import dev.formation.core.FieldError;
import dev.formation.core.ForbiddenException;
import dev.formation.core.NotFoundException;
import dev.formation.core.ValidationException;
import dev.formation.store.Tx;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Users and the organisation, for administrators: create, edit, disable, reset passwords,
 * assign roles, lift login lockouts; departments and teams. Every change is audited; passwords
 * never are. A change that takes rights away (disabling, a lost role, a new password) ends the
 * user's tokens; every change reaches the user's next request.
 */
@Singleton
public class UserAdministration {

    public static final Pattern USERNAME = Pattern.compile("^[a-z][a-z0-9_.]{1,31}$");
    public static final int MIN_PASSWORD = 6;

    private final UserRepository users;
    private final DepartmentRepository departments;
    private final MetadataHolder metadata;
    private final PasswordHasher hasher;
    private final AccessPolicy access;
    private final AuditTrail audit;
    private final Tx tx;
    private final UserTokens tokens;
    private final CurrentUsers current;
    private final Lockout lockout;
    private final Clock clock;

    public UserAdministration(UserRepository users, DepartmentRepository departments, MetadataHolder metadata,
                              PasswordHasher hasher, AccessPolicy access, AuditTrail audit, Tx tx,
                              UserTokens tokens, CurrentUsers current, Lockout lockout, Clock clock) {
        this.users = users;
        this.departments = departments;
        this.metadata = metadata;
        this.hasher = hasher;
        this.access = access;
        this.audit = audit;
        this.tx = tx;
        this.tokens = tokens;
        this.current = current;
        this.lockout = lockout;
        this.clock = clock;
    }

    public void requireAdmin(Actor actor) {
        if (!access.isAdmin(actor)) {
            throw new ForbiddenException("administration");
        }
    }

    public List<Map<String, Object>> users(Actor actor) {
        requireAdmin(actor);
        return users.findAllOrderByUsername().stream().map(UserAdministration::view).toList();
    }

    public Map<String, Object> user(Actor actor, String username) {
        requireAdmin(actor);
        return view(find(username));
    }

    public Map<String, Object> create(Actor actor, Map<String, Object> input, Locale locale) {
        requireAdmin(actor);
        List<FieldError> errors = new ArrayList<>();
        String username = string(input, "username");
        if (username == null || !USERNAME.matcher(username).matches()) {
            errors.add(new FieldError("username", Texts.get(locale, "validation.pattern", "username")));
        } else if (users.findByUsername(username).isPresent()) {
            errors.add(new FieldError("username", Texts.get(locale, "validation.unique", "username", username)));
        }
        String password = string(input, "password");
        if (password == null || password.length() < MIN_PASSWORD) {
            errors.add(new FieldError("password", Texts.get(locale, "validation.minLength",
                    Texts.get(locale, "label.password"), MIN_PASSWORD)));
        }
        String name = string(input, "name");
        if (name == null) {
            errors.add(new FieldError("name", Texts.get(locale, "validation.required", "name")));
        }
        checkOrg(input, errors, locale);
        throwIfAny(errors);
        UserAccount saved = users.save(new UserAccount(null, username, name, string(input, "email"),
                string(input, "department"), String.join(",", roleList(input)), hasher.hash(password), true, null,
                now(), string(input, "supervisor"), now()));
        auditUser(actor, "create_user", saved.username(), view(saved));
        return view(saved);
    }

    public Map<String, Object> update(Actor actor, String username, Map<String, Object> input, Locale locale) {
        requireAdmin(actor);
        UserAccount u = find(username);
        List<FieldError> errors = new ArrayList<>();
        checkOrg(input, errors, locale);
        throwIfAny(errors);
        UserAccount changed = new UserAccount(u.id(), u.username(),
                input.containsKey("name") ? string(input, "name") : u.name(),
                input.containsKey("email") ? string(input, "email") : u.email(),
                input.containsKey("department") ? string(input, "department") : u.department(),
                input.containsKey("roles") ? String.join(",", roleList(input)) : u.roles(),
                u.passwordHash(),
                input.containsKey("enabled") ? Boolean.TRUE.equals(input.get("enabled")) : u.enabled(),
                u.locale(), u.createdAt(),
                input.containsKey("supervisor") ? string(input, "supervisor") : u.supervisor(),
                u.passwordChangedAt());
        if (changed.name() == null) {
            throw new ValidationException(List.of(new FieldError("name", Texts.get(locale, "validation.required", "name"))));
        }
        users.update(changed);
        afterUpdate(u, changed);
        Map<String, Object> before = view(u);
        Map<String, Object> after = view(changed);
        Map<String, Object> diff = new LinkedHashMap<>();
        after.forEach((k, v) -> {
            if (!java.util.Objects.equals(before.get(k), v)) {
                diff.put(k, Arrays.asList(before.get(k), v));
            }
        });
        if (!diff.isEmpty()) {
            tx.write(c -> {
                audit.record(actor, "update_user", null, null, withUser(username, diff), now());
                return null;
            });
        }
        return after;
    }

    /**
     * Disabling or taking a role away ends the user's tokens, so a token issued under the old
     * rights cannot be used any more; enabling the user again lifts their login lockout. Any other
     * change counts from the user's next request.
     */
    private void afterUpdate(UserAccount before, UserAccount after) {
        boolean disabled = before.enabled() && !after.enabled();
        boolean lostRole = !after.roleList().containsAll(before.roleList());
        if (disabled || lostRole) {
            tokens.revokeAll(after.username());
        } else {
            current.forget(after.username());
        }
        if (!before.enabled() && after.enabled()) {
            lockout.lift(after.username());
        }
    }

    /** Sets a password: an admin's reset, or the user's own change after checking the old one. */
    public void setPassword(Actor actor, String username, String password, Locale locale) {
        setPassword(actor, username, password, locale, "password");
    }

    /**
     * An administrator sets a new password for a user, who is then let in again from everywhere:
     * the reset lifts the user's login lockout.
     */
    public void resetPassword(Actor actor, String username, String password, Locale locale) {
        requireAdmin(actor);
        setPassword(actor, username, password, locale, "password");
        lockout.lift(username);
    }

    /** An administrator lifts the user's login lockout, from every address; audited. */
    public void unlock(Actor actor, String username) {
        requireAdmin(actor);
        UserAccount u = find(username);
        boolean lifted = lockout.lift(u.username());
        auditUser(actor, "unlock_user", u.username(), Map.of("unlocked", lifted));
    }

    /** The user's login locks now, one per client address. */
    public List<Lockout.Lock> locks(Actor actor, String username) {
        requireAdmin(actor);
        return lockout.locks(find(username).username());
    }

    /** {@code field} names the request field that carried the password, for the error. */
    public void setPassword(Actor actor, String username, String password, Locale locale, String field) {
        if (!actor.username().equals(username)) {
            requireAdmin(actor);
        }
        if (password == null || password.length() < MIN_PASSWORD) {
            throw new ValidationException(List.of(new FieldError(field,
                    Texts.get(locale, "validation.minLength", Texts.get(locale, "label.password"), MIN_PASSWORD))));
        }
        UserAccount u = find(username);
        users.update(new UserAccount(u.id(), u.username(), u.name(), u.email(), u.department(), u.roles(),
                hasher.hash(password), u.enabled(), u.locale(), u.createdAt(), u.supervisor(), now()));
        // a new password ends the tokens issued under the old one, the caller's own included
        tokens.revokeAll(u.username());
        auditUser(actor, "set_password", username, Map.of("password", "********"));
    }

    public boolean checkPassword(String username, String password) {
        return users.findByUsername(username).map(u -> hasher.matches(password, u.passwordHash())).orElse(false);
    }

    public List<Map<String, Object>> departments(Actor actor) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Department d : departments.findAllOrderByName()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("key", d.key());
            m.put("name", d.name());
            m.put("parent", d.parentKey());
            m.put("kind", d.kind());
            m.put("leader", d.leader());
            out.add(m);
        }
        return out;
    }

    public Map<String, Object> createDepartment(Actor actor, Map<String, Object> input, Locale locale) {
        requireAdmin(actor);
        List<FieldError> errors = new ArrayList<>();
        String key = string(input, "key");
        if (key == null || !key.matches("^[a-z][a-z0-9_]{0,47}$")) {
            errors.add(new FieldError("key", Texts.get(locale, "validation.pattern", "key")));
        } else if (departments.findByKey(key).isPresent()) {
            errors.add(new FieldError("key", Texts.get(locale, "validation.unique", "key", key)));
        }
        if (string(input, "name") == null) {
            errors.add(new FieldError("name", Texts.get(locale, "validation.required", "name")));
        }
        String kind = input.getOrDefault("kind", Department.DEPARTMENT).toString();
        if (!List.of(Department.COMPANY, Department.BRANCH, Department.DEPARTMENT, Department.TEAM).contains(kind)) {
            errors.add(new FieldError("kind", Texts.get(locale, "validation.option", "kind")));
        }
        String parent = string(input, "parent");
        if (parent != null && departments.findByKey(parent).isEmpty()) {
            errors.add(new FieldError("parent", Texts.get(locale, "validation.department", "parent")));
        }
        String leader = string(input, "leader");
        if (leader != null && users.findByUsername(leader).isEmpty()) {
            errors.add(new FieldError("leader", Texts.get(locale, "validation.user", "leader")));
        }
        throwIfAny(errors);
        Department saved = departments.save(new Department(null, key, string(input, "name"), parent, kind, leader));
        auditUser(actor, "create_department", key, Map.of("name", saved.name(), "kind", kind));
        return departments(actor).stream().filter(d -> key.equals(d.get("key"))).findFirst().orElseThrow();
    }

    /** Teams with their leader and members. */
    public List<Map<String, Object>> teams(Actor actor) {
        List<UserAccount> all = users.findAllOrderByUsername();
        List<Map<String, Object>> out = new ArrayList<>();
        for (Department d : departments.findAllOrderByName()) {
            if (!Department.TEAM.equals(d.kind())) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("key", d.key());
            m.put("name", d.name());
            m.put("parent", d.parentKey());
            m.put("leader", d.leader());
            m.put("members", all.stream().filter(u -> d.key().equals(u.department())).map(UserAccount::username).toList());
            out.add(m);
        }
        return out;
    }

    private void checkOrg(Map<String, Object> input, List<FieldError> errors, Locale locale) {
        String department = string(input, "department");
        if (department != null && departments.findByKey(department).isEmpty()) {
            errors.add(new FieldError("department", Texts.get(locale, "validation.department", "department")));
        }
        String supervisor = string(input, "supervisor");
        if (supervisor != null && users.findByUsername(supervisor).isEmpty()) {
            errors.add(new FieldError("supervisor", Texts.get(locale, "validation.user", "supervisor")));
        }
        if (input.containsKey("roles")) {
            if (!(input.get("roles") instanceof List<?> list)) {
                errors.add(new FieldError("roles", Texts.get(locale, "validation.type", "roles",
                        Texts.get(locale, "validation.type.array"))));
            } else {
                for (Object r : list) {
                    if (roles().role(String.valueOf(r)).isEmpty()) {
                        errors.add(new FieldError("roles", Texts.get(locale, "validation.option", "roles: " + r)));
                    }
                }
            }
        }
        if (input.containsKey("enabled") && !(input.get("enabled") instanceof Boolean)) {
            errors.add(new FieldError("enabled", Texts.get(locale, "validation.type", "enabled",
                    Texts.get(locale, "validation.type.boolean"))));
        }
    }

    private static List<String> roleList(Map<String, Object> input) {
        Object roles = input.get("roles");
        return roles instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
    }

    private UserAccount find(String username) {
        return users.findByUsername(username).orElseThrow(() -> new NotFoundException("user " + username));
    }

    private void auditUser(Actor actor, String action, String subject, Map<String, Object> details) {
        Map<String, Object> changes = new LinkedHashMap<>();
        details.forEach((k, v) -> changes.put(k, Arrays.asList(null, v)));
        tx.write(c -> {
            audit.record(actor, action, null, null, withUser(subject, changes), now());
            return null;
        });
    }

    private static Map<String, Object> withUser(String username, Map<String, Object> changes) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("subject", Arrays.asList(username, username));
        out.putAll(changes);
        return out;
    }

    private static void throwIfAny(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }

    private static String string(Map<String, Object> input, String key) {
        Object v = input.get(key);
        return v instanceof String s && !s.isBlank() ? s.trim() : null;
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
    }

    static Map<String, Object> view(UserAccount u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("username", u.username());
        m.put("name", u.name());
        m.put("email", u.email());
        m.put("department", u.department());
        m.put("supervisor", u.supervisor());
        m.put("roles", u.roleList());
        m.put("enabled", u.enabled());
        return m;
    }

    private RoleCatalog roles() {
        return metadata.current().get(RoleCatalog.class);
    }
}
