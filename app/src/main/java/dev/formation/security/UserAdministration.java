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
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
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
    public static final List<String> KINDS = List.of(Department.COMPANY, Department.BRANCH, Department.DEPARTMENT,
            Department.TEAM);
    /** A mainland mobile number, as mobile fields of forms take it. */
    static final Pattern MOBILE = Pattern.compile("^1[3-9][0-9]{9}$");

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
        throwIfAny(checkCreate(input, locale));
        UserAccount saved = users.save(new UserAccount(null, string(input, "username"), string(input, "name"),
                string(input, "email"), string(input, "department"), String.join(",", roleList(input)),
                hasher.hash(string(input, "password")), !Boolean.FALSE.equals(input.get("enabled")), null,
                now(), string(input, "supervisor"), now(), string(input, "mobile")));
        auditUser(actor, "create_user", saved.username(), view(saved));
        return view(saved);
    }

    /** What creating a user from {@code input} would be refused for; nothing is written. */
    public List<FieldError> checkCreate(Map<String, Object> input, Locale locale) {
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
        return errors;
    }

    /** What changing {@code username} with {@code input} would be refused for; nothing is written. */
    public List<FieldError> checkUpdate(String username, Map<String, Object> input, Locale locale) {
        List<FieldError> errors = new ArrayList<>();
        checkOrg(input, errors, locale);
        if (input.containsKey("name") && string(input, "name") == null) {
            errors.add(new FieldError("name", Texts.get(locale, "validation.required", "name")));
        }
        if (username.equals(string(input, "supervisor"))) {
            errors.add(new FieldError("supervisor", Texts.get(locale, "validation.invalid", "supervisor")));
        }
        return errors;
    }

    public Map<String, Object> update(Actor actor, String username, Map<String, Object> input, Locale locale) {
        requireAdmin(actor);
        UserAccount u = find(username);
        throwIfAny(checkUpdate(username, input, locale));
        UserAccount changed = new UserAccount(u.id(), u.username(),
                input.containsKey("name") ? string(input, "name") : u.name(),
                input.containsKey("email") ? string(input, "email") : u.email(),
                input.containsKey("department") ? string(input, "department") : u.department(),
                input.containsKey("roles") ? String.join(",", roleList(input)) : u.roles(),
                u.passwordHash(),
                input.containsKey("enabled") ? Boolean.TRUE.equals(input.get("enabled")) : u.enabled(),
                u.locale(), u.createdAt(),
                input.containsKey("supervisor") ? string(input, "supervisor") : u.supervisor(),
                u.passwordChangedAt(),
                input.containsKey("mobile") ? string(input, "mobile") : u.mobile());
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
                hasher.hash(password), u.enabled(), u.locale(), u.createdAt(), u.supervisor(), now(), u.mobile()));
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
        throwIfAny(checkDepartment(null, input, Map.of(), locale));
        String key = string(input, "key");
        String kind = kind(input);
        Department saved = departments.save(new Department(null, key, string(input, "name"), string(input, "parent"),
                kind, string(input, "leader")));
        auditUser(actor, "create_department", key, Map.of("name", saved.name(), "kind", kind));
        return department(key);
    }

    /**
     * Changes a unit's name, parent, kind or leader (only the keys {@code input} has); a parent
     * may not be the unit itself or below it, so the tree stays a tree. Audited with before/after.
     */
    public Map<String, Object> updateDepartment(Actor actor, String key, Map<String, Object> input, Locale locale) {
        requireAdmin(actor);
        Department d = departments.findByKey(key).orElseThrow(() -> new NotFoundException("department " + key));
        Map<String, Object> merged = new LinkedHashMap<>();
        merged.put("key", key);
        merged.put("name", input.containsKey("name") ? input.get("name") : d.name());
        merged.put("parent", input.containsKey("parent") ? input.get("parent") : d.parentKey());
        merged.put("kind", input.containsKey("kind") ? input.get("kind") : d.kind());
        merged.put("leader", input.containsKey("leader") ? input.get("leader") : d.leader());
        throwIfAny(checkDepartment(key, merged, Map.of(), locale));
        Department changed = new Department(d.id(), key, string(merged, "name"), string(merged, "parent"), kind(merged),
                string(merged, "leader"));
        Map<String, Object> diff = new LinkedHashMap<>();
        diff(diff, "name", d.name(), changed.name());
        diff(diff, "parent", d.parentKey(), changed.parentKey());
        diff(diff, "kind", d.kind(), changed.kind());
        diff(diff, "leader", d.leader(), changed.leader());
        if (!diff.isEmpty()) {
            tx.write(c -> {
                departments.update(changed);
                audit.record(actor, "update_department", null, null, withUser(key, diff), now());
                return null;
            });
        }
        return department(key);
    }

    /**
     * What saving a unit would be refused for: {@code existing} is its key when it is changed
     * (null when it is new); {@code pending} maps units a sheet is about to create to their
     * parents, so a parent may be one of them and a loop through them is caught.
     */
    public List<FieldError> checkDepartment(String existing, Map<String, Object> input, Map<String, String> pending,
                                            Locale locale) {
        List<FieldError> errors = new ArrayList<>();
        String key = string(input, "key");
        if (existing == null) {
            if (key == null || !key.matches("^[a-z][a-z0-9_]{0,47}$")) {
                errors.add(new FieldError("key", Texts.get(locale, "validation.pattern", "key")));
            } else if (departments.findByKey(key).isPresent()) {
                errors.add(new FieldError("key", Texts.get(locale, "validation.unique", "key", key)));
            }
        }
        if (string(input, "name") == null) {
            errors.add(new FieldError("name", Texts.get(locale, "validation.required", "name")));
        }
        Object rawKind = input.get("kind");
        if (rawKind != null && !(rawKind instanceof String k && KINDS.contains(k))) {
            errors.add(new FieldError("kind", Texts.get(locale, "validation.option", "kind")));
        }
        String parent = string(input, "parent");
        if (parent != null) {
            Map<String, String> parents = new HashMap<>(pending);
            departments.findAllOrderByName().forEach(d -> parents.putIfAbsent(d.key(), d.parentKey()));
            if (key != null) {
                parents.put(key, parent);
            }
            if (!parents.containsKey(parent)) {
                errors.add(new FieldError("parent", Texts.get(locale, "validation.department", "parent")));
            } else if (key != null && loops(key, parents)) {
                errors.add(new FieldError("parent", Texts.get(locale, "validation.departmentLoop", "parent")));
            }
        }
        String leader = string(input, "leader");
        if (leader != null && users.findByUsername(leader).isEmpty()) {
            errors.add(new FieldError("leader", Texts.get(locale, "validation.user", "leader")));
        }
        return errors;
    }

    /** Whether following parents up from {@code key} comes back to it. */
    private static boolean loops(String key, Map<String, String> parents) {
        Set<String> seen = new HashSet<>();
        String at = parents.get(key);
        while (at != null && seen.add(at)) {
            if (at.equals(key)) {
                return true;
            }
            at = parents.get(at);
        }
        return at != null;
    }

    private static String kind(Map<String, Object> input) {
        Object kind = input.get("kind");
        return kind instanceof String k && !k.isBlank() ? k : Department.DEPARTMENT;
    }

    private static void diff(Map<String, Object> diff, String key, Object before, Object after) {
        if (!java.util.Objects.equals(before, after)) {
            diff.put(key, Arrays.asList(before, after));
        }
    }

    private Map<String, Object> department(String key) {
        return departments(null).stream().filter(d -> key.equals(d.get("key"))).findFirst().orElseThrow();
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
        String mobile = string(input, "mobile");
        if (mobile != null && !MOBILE.matcher(mobile).matches()) {
            errors.add(new FieldError("mobile", Texts.get(locale, "validation.mobile", "mobile")));
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
        m.put("mobile", u.mobile());
        return m;
    }

    private RoleCatalog roles() {
        return metadata.current().get(RoleCatalog.class);
    }
}
