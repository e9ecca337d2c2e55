package dev.formation.security;

import dev.formation.core.Actor;
import dev.formation.core.FieldError;
import dev.formation.core.RowError;
import dev.formation.core.RowsRefusedException;
import dev.formation.core.ValidationException;
import dev.formation.i18n.Texts;
import dev.formation.metadata.MetadataHolder;
import dev.formation.sheet.SheetBook;
import dev.formation.sheet.SheetRows;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Users and departments as XLSX, for administrators (seed 003: 用户导入 / 用户导出): an export
 * that opens in a spreadsheet program with every cell as text, and an import of the same layout
 * that updates the users (departments) its usernames (codes) name and creates the others. Each
 * row goes through {@link UserAdministration} like a change on the pages, with the same checks
 * and audit entries; a row with a problem is left out and named with its row and column, the
 * others are imported. {@code dryRun} checks every row and writes nothing.
 */
@Singleton
public class OrganisationSheets {

    static final SheetColumns USERS = new SheetColumns("user", List.of("username", "name", "department",
            "departmentName", "roles", "status", "email", "mobile", "supervisor", "password"));
    static final SheetColumns DEPARTMENTS = new SheetColumns("department", List.of("key", "name", "parent",
            "parentName", "kind", "leader", "leaderName", "path"));
    private static final String ROLE_SEPARATORS = "\\s*[,，、;；]+\\s*";

    /** What an import did: rows seen, created, updated (a row that changed nothing is neither), failed, and why. */
    public record Outcome(int total, int created, int updated, int failed, boolean dryRun, List<RowError> errors) {

        public Map<String, Object> view() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("total", total);
            m.put("created", created);
            m.put("updated", updated);
            m.put("failed", failed);
            m.put("dryRun", dryRun);
            m.put("errors", errors.stream().map(e -> {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("row", e.row());
                r.put("field", e.field());
                r.put("message", e.message());
                return r;
            }).toList());
            return m;
        }
    }

    private final UserAdministration admin;
    private final UserRepository users;
    private final DepartmentRepository departments;
    private final MetadataHolder metadata;

    public OrganisationSheets(UserAdministration admin, UserRepository users, DepartmentRepository departments,
                              MetadataHolder metadata) {
        this.admin = admin;
        this.users = users;
        this.departments = departments;
        this.metadata = metadata;
    }

    // ---- export ----

    /** Every user, a row each (no passwords), then a sheet explaining the columns. */
    public byte[] exportUsers(Actor actor, Locale locale) {
        admin.requireAdmin(actor);
        Map<String, String> deptNames = new HashMap<>();
        departments.findAll().forEach(d -> deptNames.put(d.key(), d.name()));
        List<List<String>> rows = new ArrayList<>();
        for (UserAccount u : users.findAllOrderByUsername()) {
            rows.add(Arrays.asList(u.username(), u.name(), u.department(),
                    u.department() == null ? null : deptNames.get(u.department()),
                    String.join(",", u.roleList().stream().map(r -> roleLabel(r, locale)).toList()),
                    Texts.get(locale, u.enabled() ? "sheet.status.enabled" : "sheet.status.disabled"),
                    u.email(), u.mobile(), u.supervisor(), null));
        }
        try (SheetBook book = new SheetBook()) {
            return book.sheet(Texts.get(locale, "sheet.users"), USERS.headers(locale), rows)
                    .sheet(Texts.get(locale, "sheet.guide"), guideHeaders(locale), guide(USERS, "user", locale)).bytes();
        }
    }

    /** The organisation tree, parents before their children, each with its parent's code and its path. */
    public byte[] exportDepartments(Actor actor, Locale locale) {
        admin.requireAdmin(actor);
        Map<String, Department> byKey = new LinkedHashMap<>();
        departments.findAllOrderByName().forEach(d -> byKey.put(d.key(), d));
        Map<String, String> userNames = new HashMap<>();
        users.findAllOrderByUsername().forEach(u -> userNames.put(u.username(), u.name()));
        List<List<String>> rows = new ArrayList<>();
        for (Map<String, Object> view : DepartmentTree.order(admin.departments(actor))) {
            Department d = byKey.get((String) view.get("key"));
            rows.add(Arrays.asList(d.key(), d.name(), d.parentKey(),
                    d.parentKey() == null || !byKey.containsKey(d.parentKey()) ? null : byKey.get(d.parentKey()).name(),
                    Texts.get(locale, "page.department.kind." + d.kind()), d.leader(),
                    d.leader() == null ? null : userNames.get(d.leader()), path(d, byKey)));
        }
        try (SheetBook book = new SheetBook()) {
            return book.sheet(Texts.get(locale, "sheet.departments"), DEPARTMENTS.headers(locale), rows)
                    .sheet(Texts.get(locale, "sheet.guide"), guideHeaders(locale), guide(DEPARTMENTS, "department", locale))
                    .bytes();
        }
    }

    private static List<String> guideHeaders(Locale locale) {
        return List.of(Texts.get(locale, "sheet.guide.column"), Texts.get(locale, "sheet.guide.meaning"));
    }

    private static List<List<String>> guide(SheetColumns columns, String kind, Locale locale) {
        return columns.keys().stream().map(k -> List.of(columns.header(k, locale),
                Texts.get(locale, "sheet." + kind + ".guide." + k))).toList();
    }

    private static String path(Department d, Map<String, Department> byKey) {
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Department at = d; at != null && seen.add(at.key()); at = at.parentKey() == null ? null : byKey.get(at.parentKey())) {
            names.add(0, at.name());
        }
        return String.join(" / ", names);
    }

    // ---- import: users ----

    public Outcome importUsers(Actor actor, byte[] xlsx, boolean dryRun, Locale locale) {
        admin.requireAdmin(actor);
        List<List<String>> rows = rows(xlsx, locale);
        Map<String, Integer> at = USERS.locate(rows.get(0));
        requireColumn(at, USERS, "username", locale);
        Map<String, String> deptByName = new HashMap<>();
        Set<String> deptKeys = new HashSet<>();
        departments.findAll().forEach(d -> {
            deptKeys.add(d.key());
            deptByName.putIfAbsent(d.name(), d.key());
        });
        Tally tally = new Tally(dryRun);
        Map<String, Integer> seen = new HashMap<>();
        Set<String> pending = new HashSet<>();
        for (int r = 1; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            if (row.stream().allMatch(Objects::isNull)) {
                continue;
            }
            int rowNumber = r + 1;
            List<FieldError> errors = new ArrayList<>();
            Map<String, Object> input = new LinkedHashMap<>();
            String username = SheetColumns.cell(row, at, "username").orElse(null);
            input.put("username", username);
            Integer first = username == null ? null : seen.putIfAbsent(username, rowNumber);
            if (first != null) {
                errors.add(new FieldError("username", Texts.get(locale, "import.duplicate", first)));
            }
            cell(row, at, "name").ifPresent(v -> input.put("name", v));
            cell(row, at, "email").ifPresent(v -> input.put("email", v));
            cell(row, at, "mobile").ifPresent(v -> input.put("mobile", v));
            cell(row, at, "supervisor").ifPresent(v -> input.put("supervisor", v));
            Optional<String> code = cell(row, at, "department");
            Optional<String> deptName = cell(row, at, "departmentName");
            if (code.isPresent()) {
                input.put("department", deptKeys.contains(code.get()) ? code.get()
                        : deptByName.getOrDefault(code.get(), code.get()));
            } else if (deptName.isPresent()) {
                input.put("department", deptByName.getOrDefault(deptName.get(), deptName.get()));
            }
            cell(row, at, "roles").ifPresent(v -> input.put("roles", roles(v, errors, locale)));
            cell(row, at, "status").ifPresent(v -> {
                Boolean enabled = status(v);
                if (enabled == null) {
                    errors.add(new FieldError("enabled", Texts.get(locale, "import.status")));
                } else {
                    input.put("enabled", enabled);
                }
            });
            Optional<UserAccount> existing = username == null ? Optional.empty() : users.findByUsername(username);
            if (existing.isEmpty()) {
                cell(row, at, "password").ifPresent(v -> input.put("password", v));
                if (!input.containsKey("password")) {
                    errors.add(new FieldError("password", Texts.get(locale, "import.passwordForNew",
                            UserAdministration.MIN_PASSWORD)));
                }
            }
            if (errors.isEmpty()) {
                List<FieldError> refused = existing.isPresent() ? admin.checkUpdate(username, input, locale)
                        : admin.checkCreate(input, locale);
                // in a dry run, a supervisor created in a row above exists only in this sheet
                refused.stream().filter(e -> !(e.field().equals("supervisor") && pending.contains(input.get("supervisor"))))
                        .forEach(errors::add);
            }
            if (!errors.isEmpty()) {
                tally.failed(rowNumber, errors, USERS, locale);
                continue;
            }
            try {
                if (existing.isPresent()) {
                    Map<String, Object> before = UserAdministration.view(existing.get());
                    Map<String, Object> after = dryRun ? null : admin.update(actor, username, input, locale);
                    tally.updated(dryRun ? changes(before, input) : !before.equals(after));
                } else {
                    if (!dryRun) {
                        admin.create(actor, input, locale);
                    }
                    pending.add(username);
                    tally.created();
                }
            } catch (ValidationException e) {
                tally.failed(rowNumber, e.errors(), USERS, locale);
            }
        }
        return tally.outcome();
    }

    /** Whether applying {@code input} would change what {@code before} shows. */
    private static boolean changes(Map<String, Object> before, Map<String, Object> input) {
        return input.entrySet().stream().filter(e -> before.containsKey(e.getKey()))
                .anyMatch(e -> !Objects.equals(before.get(e.getKey()), e.getValue()));
    }

    private List<String> roles(String text, List<FieldError> errors, Locale locale) {
        RoleCatalog catalog = metadata.current().get(RoleCatalog.class);
        Map<String, String> byName = new HashMap<>();
        for (Role role : catalog.roles()) {
            byName.put(role.key().toLowerCase(Locale.ROOT), role.key());
            role.label().texts().values().forEach(label -> byName.putIfAbsent(label.toLowerCase(Locale.ROOT), role.key()));
        }
        List<String> keys = new ArrayList<>();
        for (String name : text.strip().split(ROLE_SEPARATORS)) {
            if (name.isBlank()) {
                continue;
            }
            String key = byName.get(name.toLowerCase(Locale.ROOT));
            if (key == null) {
                errors.add(new FieldError("roles", Texts.get(locale, "import.role", name)));
            } else if (!keys.contains(key)) {
                keys.add(key);
            }
        }
        return keys;
    }

    private static Boolean status(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        if (List.of("启用", "enabled", "是", "true", "yes", "1", "正常").contains(t)) {
            return true;
        }
        return List.of("停用", "disabled", "否", "false", "no", "0", "禁用").contains(t) ? false : null;
    }

    private String roleLabel(String key, Locale locale) {
        return metadata.current().get(RoleCatalog.class).role(key).map(r -> r.label().in(locale)).orElse(key);
    }

    // ---- import: departments ----

    /** One row of a department sheet. */
    private record Unit(int row, String key, Map<String, Object> input, List<FieldError> errors) {
        String parent() {
            return (String) input.get("parent");
        }
    }

    public Outcome importDepartments(Actor actor, byte[] xlsx, boolean dryRun, Locale locale) {
        admin.requireAdmin(actor);
        List<List<String>> rows = rows(xlsx, locale);
        Map<String, Integer> at = DEPARTMENTS.locate(rows.get(0));
        requireColumn(at, DEPARTMENTS, "key", locale);
        Map<String, String> kinds = new HashMap<>();
        for (String k : UserAdministration.KINDS) {
            kinds.put(k, k);
            kinds.put(Texts.get(Locale.forLanguageTag("zh-CN"), "page.department.kind." + k), k);
            kinds.put(Texts.get(Locale.ENGLISH, "page.department.kind." + k).toLowerCase(Locale.ROOT), k);
        }
        List<Unit> units = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int r = 1; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            if (row.stream().allMatch(Objects::isNull)) {
                continue;
            }
            Unit unit = new Unit(r + 1, SheetColumns.cell(row, at, "key").orElse(null), new LinkedHashMap<>(),
                    new ArrayList<>());
            unit.input().put("key", unit.key());
            Integer first = unit.key() == null ? null : seen.putIfAbsent(unit.key(), unit.row());
            if (first != null) {
                unit.errors().add(new FieldError("key", Texts.get(locale, "import.duplicate", first)));
            }
            cell(row, at, "name").ifPresent(v -> unit.input().put("name", v));
            cell(row, at, "parent").ifPresent(v -> unit.input().put("parent", v));
            cell(row, at, "leader").ifPresent(v -> unit.input().put("leader", v));
            cell(row, at, "kind").ifPresent(v -> {
                String kind = kinds.get(kinds.containsKey(v) ? v : v.toLowerCase(Locale.ROOT));
                if (kind == null) {
                    unit.errors().add(new FieldError("kind", Texts.get(locale, "import.kind", v)));
                } else {
                    unit.input().put("kind", kind);
                }
            });
            units.add(unit);
        }
        Tally tally = new Tally(dryRun);
        Map<String, String> pending = new HashMap<>();
        for (Unit unit : parentsFirst(units)) {
            Optional<Department> existing = unit.key() == null ? Optional.empty() : departments.findByKey(unit.key());
            List<FieldError> errors = new ArrayList<>(unit.errors());
            Map<String, Object> merged = new LinkedHashMap<>(unit.input());
            existing.ifPresent(d -> {
                merged.putIfAbsent("name", d.name());
                merged.putIfAbsent("parent", d.parentKey());
                merged.putIfAbsent("kind", d.kind());
                merged.putIfAbsent("leader", d.leader());
            });
            if (errors.isEmpty()) {
                errors.addAll(admin.checkDepartment(existing.isPresent() ? unit.key() : null, merged, pending, locale));
            }
            if (!errors.isEmpty()) {
                tally.failed(unit.row(), errors, DEPARTMENTS, locale);
                continue;
            }
            try {
                if (existing.isPresent()) {
                    Department d = existing.get();
                    boolean changes = !Objects.equals(d.name(), merged.get("name"))
                            || !Objects.equals(d.parentKey(), merged.get("parent"))
                            || !Objects.equals(d.kind(), merged.get("kind"))
                            || !Objects.equals(d.leader(), merged.get("leader"));
                    if (!dryRun && changes) {
                        admin.updateDepartment(actor, unit.key(), unit.input(), locale);
                    }
                    tally.updated(changes);
                } else {
                    if (!dryRun) {
                        admin.createDepartment(actor, unit.input(), locale);
                    }
                    tally.created();
                }
                pending.put(unit.key(), (String) merged.get("parent"));
            } catch (ValidationException e) {
                tally.failed(unit.row(), e.errors(), DEPARTMENTS, locale);
            }
        }
        return tally.outcome();
    }

    /**
     * The rows in an order where a parent the sheet creates comes before its children; rows left
     * over (their parent is in a loop, or in no row) keep their order at the end, where the
     * checks name the problem.
     */
    private static List<Unit> parentsFirst(List<Unit> units) {
        Set<String> inSheet = new HashSet<>();
        units.forEach(u -> {
            if (u.key() != null) {
                inSheet.add(u.key());
            }
        });
        List<Unit> ordered = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        List<Unit> left = new ArrayList<>(units);
        boolean progress = true;
        while (progress && !left.isEmpty()) {
            progress = false;
            for (var it = left.iterator(); it.hasNext(); ) {
                Unit u = it.next();
                if (u.parent() == null || !inSheet.contains(u.parent()) || placed.contains(u.parent())
                        || u.parent().equals(u.key())) {
                    ordered.add(u);
                    if (u.key() != null) {
                        placed.add(u.key());
                    }
                    it.remove();
                    progress = true;
                }
            }
        }
        ordered.addAll(left);
        return ordered;
    }

    // ---- shared ----

    private static List<List<String>> rows(byte[] xlsx, Locale locale) {
        List<List<String>> rows;
        try {
            rows = SheetRows.read(xlsx);
        } catch (SheetRows.UnreadableException e) {
            throw new RowsRefusedException(List.of(new RowError(0, null, Texts.get(locale, "import.unreadable"))));
        }
        if (rows.isEmpty()) {
            throw new RowsRefusedException(List.of(new RowError(0, null, Texts.get(locale, "import.empty"))));
        }
        return rows;
    }

    private static void requireColumn(Map<String, Integer> at, SheetColumns columns, String key, Locale locale) {
        if (!at.containsKey(key)) {
            throw new RowsRefusedException(List.of(new RowError(1, columns.header(key, locale),
                    Texts.get(locale, "import.noHeader", columns.header(key, locale)))));
        }
    }

    private static Optional<String> cell(List<String> row, Map<String, Integer> at, String key) {
        return SheetColumns.cell(row, at, key);
    }

    /** Counts an import's rows and turns field errors into row errors named by the column's header. */
    private static final class Tally {
        private final boolean dryRun;
        private final List<RowError> errors = new ArrayList<>();
        private int total;
        private int created;
        private int updated;
        private int failed;

        Tally(boolean dryRun) {
            this.dryRun = dryRun;
        }

        void created() {
            total++;
            created++;
        }

        void updated(boolean changed) {
            total++;
            if (changed) {
                updated++;
            }
        }

        /**
         * The messages name the field by its key (they are the API's): on a sheet, the column's
         * header says it instead, so a leading key is replaced by the header.
         */
        void failed(int row, List<FieldError> fieldErrors, SheetColumns columns, Locale locale) {
            total++;
            failed++;
            for (FieldError e : fieldErrors) {
                String key = e.field().equals("enabled") ? "status" : e.field();
                String header = columns.keys().contains(key) ? columns.header(key, locale) : key;
                String message = e.message().startsWith(e.field()) ? header + e.message().substring(e.field().length())
                        : e.message();
                errors.add(new RowError(row, header, message));
            }
        }

        Outcome outcome() {
            return new Outcome(total, created, updated, failed, dryRun, errors);
        }
    }
}
