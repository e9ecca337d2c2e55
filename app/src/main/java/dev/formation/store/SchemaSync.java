package dev.formation.store;

import dev.formation.form.Field;
import dev.formation.form.FieldType;
import dev.formation.form.Form;
import dev.formation.form.FormCatalog;
import dev.formation.form.NumberLimits;
import dev.formation.metadata.MetadataException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Brings the database in line with the forms: creates missing tables, adds missing columns
 * and indexes, widens a column when a field grows. It never drops or narrows anything, so a
 * removed field keeps its data. It works in two halves: {@link #plan} reads the database and
 * says what it would do and what forbids it (a publish shows that before anything runs);
 * {@link #apply} runs the steps through {@link OnlineDdl}. A field's type may change only
 * while its column holds no value; start-up stops with a message naming the form, the field
 * and both types, a publish is refused with the same problem.
 */
public final class SchemaSync {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaSync.class);

    /** InnoDB's limit of secondary indexes on one table. */
    static final int MAX_INDEXES = 64;

    /** Below this many estimated rows a table's rows are counted exactly: that is cheap. */
    private static final long COUNT_BELOW = 100_000;

    private final DirectConnections connections;

    public SchemaSync(DirectConnections connections) {
        this.connections = connections;
    }

    /** Start-up: every step runs (no request is served yet), and a problem stops start-up. */
    public void sync(FormCatalog catalog) {
        SchemaPlan plan = plan(null, catalog, Long.MAX_VALUE);
        if (!plan.problems().isEmpty()) {
            SchemaPlan.Problem first = plan.problems().get(0);
            throw new MetadataException("form '" + first.form() + "'",
                    first.field() == null ? "/fields" : "/fields/" + first.field(), first.message());
        }
        apply(plan, true);
    }

    /**
     * What it takes to bring the database in line with {@code after}.
     *
     * @param before       the forms in force, to tell a narrowed field (null: no such check)
     * @param indexMaxRows above this many rows an index is not built online
     */
    public SchemaPlan plan(FormCatalog before, FormCatalog after, long indexMaxRows) {
        try (Connection c = connections.open()) {
            c.setAutoCommit(true);
            Planner planner = new Planner(c, OnlineDdl.Server.of(c), indexMaxRows);
            for (Form form : after.forms()) {
                Form old = before == null ? null : before.form(form.key()).orElse(null);
                planner.table(form, SqlNames.table(form), platformColumns(), formColumns(form, old), false);
                for (Field table : form.tableFields()) {
                    Field oldTable = old == null ? null : old.field(table.key()).orElse(null);
                    List<Wanted> columns = new ArrayList<>();
                    for (Field f : table.children()) {
                        Field was = oldTable == null ? null : oldTable.child(f.key());
                        ColumnMapping.childColumns(f).forEach(col -> columns.add(new Wanted(table.key() + "." + f.key(),
                                f, was, col)));
                    }
                    planner.table(form, SqlNames.childTable(form, table), childPlatformColumns(), columns, true);
                }
            }
            return new SchemaPlan(planner.steps, planner.problems, planner.rows);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the database's tables: " + e.getMessage(), e);
        }
    }

    /** A step that ran, and the way it ran. */
    public record Applied(SchemaPlan.Step step, OnlineDdl.Method method, long millis) {
    }

    /**
     * Runs the plan's steps in order, each the most online way the server takes.
     *
     * @param offline whether a step may block writes when no online way is taken
     * @return each step with the way it ran
     */
    public List<Applied> apply(SchemaPlan plan, boolean offline) {
        List<Applied> applied = new ArrayList<>();
        try (Connection c = connections.open()) {
            c.setAutoCommit(true);
            OnlineDdl ddl = new OnlineDdl(OnlineDdl.Server.of(c));
            for (SchemaPlan.Step step : plan.steps()) {
                long started = System.nanoTime();
                try {
                    OnlineDdl.Method method;
                    if (step.ddl() != null) {
                        ddl.run(c, step.ddl());
                        method = step.way().method();
                        LOG.info("{} for form {}: {}", step.change(), step.form(), step.ddl());
                    } else {
                        method = ddl.alter(connections, step.table(), step.clause(), step.change(), offline);
                        LOG.info("{} for form {} ({}): ALTER TABLE {} {}", step.change(), step.form(), method,
                                step.table(), step.clause());
                    }
                    applied.add(new Applied(step, method, (System.nanoTime() - started) / 1_000_000));
                } catch (SQLException e) {
                    if (step.change() == OnlineDdl.Change.ADD_INDEX) {
                        throw new MetadataException("form '" + step.form() + "'", step.table(), "cannot create index "
                                + step.index() + ": " + e.getMessage() + " (existing rows may hold duplicate values)");
                    }
                    throw new IllegalStateException("schema sync failed: " + e.getMessage(), e);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("schema sync failed: " + e.getMessage(), e);
        }
        return applied;
    }

    /** A column a field needs; {@code was} is the field as the forms in force have it, if they do. */
    private record Wanted(String path, Field field, Field was, Column column) {
        Wanted with(Column other) {
            return new Wanted(path, field, was, other);
        }
    }

    private static List<Wanted> formColumns(Form form, Form old) {
        List<Wanted> columns = new ArrayList<>();
        form.fields().stream().filter(f -> !f.isPlatformBound()).forEach(f -> {
            Field was = old == null ? null : old.field(f.key()).orElse(null);
            ColumnMapping.columns(form, f).forEach(col -> columns.add(new Wanted(f.key(), f, was, col)));
        });
        return columns;
    }

    private static List<String> platformColumns() {
        return List.of(
                "`id` BIGINT AUTO_INCREMENT PRIMARY KEY",
                "`code` VARCHAR(64) NULL",
                "`owner` VARCHAR(64) NULL",
                "`status` VARCHAR(64) NULL",
                "`created_by` VARCHAR(64) NULL",
                "`created_at` DATETIME NOT NULL",
                "`updated_by` VARCHAR(64) NULL",
                "`updated_at` DATETIME NOT NULL",
                "`version` BIGINT NOT NULL DEFAULT 0",
                "`deleted_at` DATETIME NULL");
    }

    private static List<String> childPlatformColumns() {
        return List.of(
                "`id` BIGINT AUTO_INCREMENT PRIMARY KEY",
                "`record_id` BIGINT NOT NULL",
                "`position` INT NOT NULL DEFAULT 0");
    }

    /** Works out the steps of one table after another, reading only what it needs. */
    private static final class Planner {
        private final Connection c;
        private final Database db;
        private final OnlineDdl ddl;
        private final long indexMaxRows;
        final List<SchemaPlan.Step> steps = new ArrayList<>();
        final List<SchemaPlan.Problem> problems = new ArrayList<>();
        final Map<String, Long> rows = new LinkedHashMap<>();

        Planner(Connection c, OnlineDdl.Server server, long indexMaxRows) {
            this.c = c;
            this.db = server.db();
            this.ddl = new OnlineDdl(server);
            this.indexMaxRows = indexMaxRows;
        }

        void table(Form form, String table, List<String> platform, List<Wanted> wanted, boolean child)
                throws SQLException {
            Map<String, Existing> existing = existingColumns(c, table);
            if (existing.isEmpty()) {
                createTable(form, table, platform, wanted, child);
                return;
            }
            int used = existing.values().stream().mapToInt(e -> e.rowBytes(db)).sum();
            List<Wanted> missing = wanted.stream().filter(w -> !existing.containsKey(w.column().name())).toList();
            List<Column> fitted = fitRowBudget(missing.stream().map(Wanted::column).toList(), used);
            checkBudget(form, used + fitted.stream().mapToInt(Column::rowBytes).sum());
            int step = steps.size();
            for (Column column : fitted) {
                add(form, table, OnlineDdl.Change.ADD_COLUMN, column.name(), column.sqlType(db), null, false, null,
                        "ADD COLUMN " + SqlNames.q(column.name()) + " " + column.sqlType(db) + " NULL");
            }
            List<Column> present = new ArrayList<>();
            for (Wanted w : wanted) {
                Existing old = existing.get(w.column().name());
                if (old == null) {
                    present.add(fitted.stream().filter(f -> f.name().equals(w.column().name())).findFirst()
                            .orElse(w.column()));
                    continue;
                }
                if (old.kind() != w.column().kind()) {
                    changeType(form, table, w, old);
                    present.add(w.column());
                    continue;
                }
                checkNarrowing(form, table, w);
                present.add(widenIfNeeded(form, table, w.column(), old));
            }
            indexes(form, table, present, child, false);
            if (steps.size() > step) {
                rows(table);
            }
        }

        private void createTable(Form form, String table, List<String> platform, List<Wanted> wanted, boolean child)
                throws SQLException {
            List<Column> fitted = fitRowBudget(wanted.stream().map(Wanted::column).toList(), 0);
            checkBudget(form, fitted.stream().mapToInt(Column::rowBytes).sum());
            StringBuilder create = new StringBuilder("CREATE TABLE ").append(SqlNames.q(table)).append(" (");
            create.append(String.join(", ", platform));
            for (Column column : fitted) {
                create.append(", ").append(SqlNames.q(column.name())).append(' ').append(column.sqlType(db)).append(" NULL");
            }
            create.append(')').append(db.tableOptions());
            add(form, table, OnlineDdl.Change.CREATE_TABLE, null, null, null, true, create.toString(), null);
            rows.put(table, 0L);
            indexes(form, table, fitted, child, true);
        }

        private void add(Form form, String table, OnlineDdl.Change change, String column, String sqlType, String index,
                         boolean newTable, String statement, String clause) throws SQLException {
            long count = newTable ? 0 : rows(table);
            OnlineDdl.Way way = ddl.predict(change, count, indexMaxRows, false);
            steps.add(new SchemaPlan.Step(form.key(), table, change, column, sqlType, index, way, statement, clause));
        }

        private void checkBudget(Form form, int bytes) {
            if (bytes > ColumnMapping.VARCHAR_BUDGET) {
                problems.add(new SchemaPlan.Problem(form.key(), null, "rowBudget",
                        List.of(bytes, ColumnMapping.VARCHAR_BUDGET), "a row of the form needs " + bytes
                        + " bytes, more than the " + ColumnMapping.VARCHAR_BUDGET + " MySQL leaves for text columns"
                        + " (65,535 a row): fewer unique or indexed text fields, or shorter ones"));
            }
        }

        /**
         * A new type is taken only while no row holds a value in the column, so nothing can be
         * lost or misread; otherwise the field must keep its type or get a new key.
         */
        private void changeType(Form form, String table, Wanted w, Existing old) throws SQLException {
            String oldKind = old.kind().name().toLowerCase(Locale.ROOT);
            String newKind = w.column().kind().name().toLowerCase(Locale.ROOT);
            long values = count("SELECT COUNT(*) FROM " + SqlNames.q(table) + " WHERE " + SqlNames.q(w.column().name())
                    + " IS NOT NULL");
            if (values > 0) {
                problems.add(new SchemaPlan.Problem(form.key(), w.path(), "retype", List.of(w.path(), oldKind, newKind,
                        values), "the field's type needs a " + newKind + " column but " + table + "." + w.column().name()
                        + " already holds " + oldKind + " values (" + old.typeName() + ") in " + values + " rows;"
                        + " a field's type cannot change in a way that would lose data: keep the old type or add a"
                        + " field with a new key"));
                return;
            }
            long count = rows(table);
            OnlineDdl.Way way = ddl.predict(OnlineDdl.Change.CHANGE_TYPE, count, indexMaxRows, false);
            steps.add(new SchemaPlan.Step(form.key(), table, OnlineDdl.Change.CHANGE_TYPE, w.column().name(),
                    w.column().sqlType(db), null, way, db == Database.H2
                    ? db.modifyColumn(table, w.column().name(), w.column().sqlType(db)) : null,
                    db == Database.H2 ? null : modifyClause(w.column().name(), w.column().sqlType(db))));
        }

        /** A field that now holds less than before (shorter text, fewer decimals, a smaller range) must still hold every stored value. */
        private void checkNarrowing(Form form, String table, Wanted w) throws SQLException {
            Field was = w.was();
            Field now = w.field();
            if (was == null || !w.column().name().equals(now.key())) {
                return;
            }
            String col = SqlNames.q(w.column().name());
            String from = "SELECT COUNT(*) FROM " + SqlNames.q(table) + " WHERE ";
            if (w.column().kind() == Column.Kind.TEXT && isText(now) && isText(was)
                    && now.maxTextLength() < was.maxTextLength()) {
                long longer = count(from + "CHAR_LENGTH(" + col + ") > ?", now.maxTextLength());
                if (longer > 0) {
                    narrowing(form, w, now.maxTextLength(), longer, "at most " + now.maxTextLength() + " characters");
                }
            }
            if ((w.column().kind() == Column.Kind.DECIMAL || w.column().kind() == Column.Kind.INTEGER)
                    && now.valueType().isNumeric() && was.valueType().isNumeric()) {
                NumberLimits before = was.numberLimits();
                NumberLimits after = now.numberLimits();
                if (after.scale() < before.scale()) {
                    long rounded = count(from + col + " <> ROUND(" + col + ", " + after.scale() + ")");
                    if (rounded > 0) {
                        narrowing(form, w, after.scale() + " decimals", rounded, "at most " + after.scale() + " decimals");
                    }
                }
                if (after.maximum().compareTo(before.maximum()) < 0 || after.minimum().compareTo(before.minimum()) > 0) {
                    long outside = count(from + "(" + col + " > ? OR " + col + " < ?)", after.maximum(), after.minimum());
                    if (outside > 0) {
                        String range = after.minimum().toPlainString() + " .. " + after.maximum().toPlainString();
                        narrowing(form, w, range, outside, "values within " + range);
                    }
                }
            }
        }

        private static boolean isText(Field f) {
            FieldType t = f.valueType();
            return t == FieldType.TEXT || t == FieldType.TEXTAREA;
        }

        private void narrowing(Form form, Wanted w, Object limit, long rowsOutside, String holds) {
            problems.add(new SchemaPlan.Problem(form.key(), w.path(), "narrowing", List.of(w.path(), limit, rowsOutside),
                    "the field now holds " + holds + " but " + rowsOutside + " stored rows do not fit; a field may only"
                            + " narrow once no row holds a value outside it"));
        }

        private String modifyClause(String column, String type) {
            return "MODIFY COLUMN " + SqlNames.q(column) + " " + type + " NULL";
        }

        private void widen(Form form, String table, Column wanted, String type, boolean inPlace) throws SQLException {
            long count = rows(table);
            OnlineDdl.Way way = ddl.predict(OnlineDdl.Change.WIDEN_COLUMN, count, indexMaxRows, inPlace);
            steps.add(new SchemaPlan.Step(form.key(), table, OnlineDdl.Change.WIDEN_COLUMN, wanted.name(), type, null,
                    way, db == Database.H2 ? db.modifyColumn(table, wanted.name(), type) : null,
                    db == Database.H2 ? null : modifyClause(wanted.name(), type)));
        }

        private Column widenIfNeeded(Form form, String table, Column wanted, Existing old) throws SQLException {
            if (old.isDecimal() && wanted.kind() == Column.Kind.DECIMAL) {
                return widenDecimalIfNeeded(form, table, wanted, old);
            }
            if (!old.isVarchar() || wanted.kind() != Column.Kind.TEXT) {
                return wanted;
            }
            int held = db.charactersHeld(old.size());
            boolean wantsMore = !wanted.isVarchar() || wanted.varcharLength() > held;
            if (!wantsMore) {
                return wanted.withVarcharLength(held);
            }
            if (wanted.isVarchar()) {
                // InnoDB widens in place while the length prefix keeps its size (up to 255 bytes, or past it)
                boolean inPlace = db == Database.H2 || (held * 4 <= 255) == (wanted.varcharLength() * 4 <= 255);
                widen(form, table, wanted, wanted.sqlType(db), inPlace);
                return wanted;
            }
            // Growing past VARCHAR would need TEXT, which cannot carry the column's index; keep it.
            LOG.warn("{}.{} stays VARCHAR({}) because it is indexed; longer values will be refused",
                    table, wanted.name(), old.size());
            return wanted.withVarcharLength(held);
        }

        /**
         * A DECIMAL with fewer integer digits or decimal places than the field now needs would
         * refuse or silently round values the validator accepts, so it grows to hold both.
         */
        private Column widenDecimalIfNeeded(Form form, String table, Column wanted, Existing old) throws SQLException {
            int oldInteger = old.size() - old.decimalDigits();
            int wantedInteger = wanted.precision() - wanted.scale();
            if (wantedInteger <= oldInteger && wanted.scale() <= old.decimalDigits()) {
                return wanted;
            }
            int scale = Math.max(old.decimalDigits(), wanted.scale());
            String type = "DECIMAL(" + (Math.max(oldInteger, wantedInteger) + scale) + "," + scale + ")";
            widen(form, table, wanted, type, db == Database.H2);
            return wanted;
        }

        private void indexes(Form form, String table, List<Column> columns, boolean child, boolean newTable)
                throws SQLException {
            Set<String> indexes = newTable ? Set.of() : existingIndexes(c, table);
            List<String[]> wanted = new ArrayList<>();
            if (child) {
                wanted.add(new String[]{SqlNames.index(table, "record_id"), "INDEX", "`record_id`, `position`", null});
            } else {
                wanted.add(new String[]{SqlNames.uniqueIndex(table, "code"), "UNIQUE", "`code`", null});
                wanted.add(new String[]{SqlNames.index(table, "owner"), "INDEX", "`owner`", null});
                wanted.add(new String[]{SqlNames.index(table, "status"), "INDEX", "`status`", null});
                wanted.add(new String[]{SqlNames.index(table, "updated_at"), "INDEX", "`updated_at`", null});
            }
            for (Column column : columns) {
                if (column.kind() == Column.Kind.TEXT && !column.isVarchar()) {
                    continue;
                }
                String cols = child ? "`record_id`, " + SqlNames.q(column.name()) : SqlNames.q(column.name());
                if (column.unique()) {
                    wanted.add(new String[]{SqlNames.uniqueIndex(table, column.name()), "UNIQUE", cols, column.name()});
                } else if (column.indexed()) {
                    wanted.add(new String[]{SqlNames.index(table, column.name()), "INDEX", SqlNames.q(column.name()),
                            column.name()});
                }
            }
            Set<String> all = new HashSet<>(indexes);
            all.remove("primary");
            for (String[] index : wanted) {
                all.add(index[0]);
                if (indexes.contains(index[0])) {
                    continue;
                }
                boolean unique = "UNIQUE".equals(index[1]);
                String create = "CREATE " + (unique ? "UNIQUE " : "") + "INDEX " + SqlNames.q(index[0]) + " ON "
                        + SqlNames.q(table) + " (" + index[2] + ")";
                String clause = "ADD " + (unique ? "UNIQUE " : "") + "INDEX " + SqlNames.q(index[0]) + " (" + index[2] + ")";
                boolean whole = newTable || db == Database.H2;
                add(form, table, OnlineDdl.Change.ADD_INDEX, index[3], null, index[0], newTable, whole ? create : null,
                        whole ? null : clause);
            }
            if (all.size() > MAX_INDEXES) {
                problems.add(new SchemaPlan.Problem(form.key(), null, "indexes", List.of(all.size(), MAX_INDEXES),
                        table + " would have " + all.size() + " indexes, more than the " + MAX_INDEXES
                                + " MySQL allows: fewer unique, indexed, filtered or referencing fields"));
            }
        }

        /** The rows of a table: counted when that is cheap, else MySQL's estimate. */
        private long rows(String table) throws SQLException {
            Long known = rows.get(table);
            if (known != null) {
                return known;
            }
            long n = -1;
            if (db == Database.MYSQL) {
                try (PreparedStatement ps = c.prepareStatement("SELECT TABLE_ROWS FROM information_schema.TABLES"
                        + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?")) {
                    ps.setString(1, table);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            n = rs.getLong(1);
                        }
                    }
                }
            }
            if (n < COUNT_BELOW) {
                n = count("SELECT COUNT(*) FROM " + SqlNames.q(table));
            }
            rows.put(table, n);
            return n;
        }

        private long count(String sql, Object... params) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    ps.setObject(i + 1, params[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        }
    }

    /** Demotes the widest unindexed VARCHARs to TEXT until the row fits MySQL's limit. */
    static List<Column> fitRowBudget(List<Column> columns, int alreadyUsed) {
        int total = alreadyUsed + columns.stream().mapToInt(Column::rowBytes).sum();
        if (total <= ColumnMapping.VARCHAR_BUDGET) {
            return columns;
        }
        List<Column> out = new ArrayList<>(columns);
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i).isVarchar() && !out.get(i).unique() && !out.get(i).indexed()) {
                candidates.add(i);
            }
        }
        candidates.sort(Comparator.comparingInt((Integer i) -> out.get(i).varcharLength()).reversed());
        for (int i : candidates) {
            if (total <= ColumnMapping.VARCHAR_BUDGET) {
                break;
            }
            total -= out.get(i).rowBytes() - out.get(i).asText().rowBytes();
            out.set(i, out.get(i).asText());
        }
        return out;
    }

    private record Existing(String name, int jdbcType, String typeName, int size, int decimalDigits) {
        Column.Kind kind() {
            return switch (jdbcType) {
                case Types.VARCHAR, Types.CHAR, Types.LONGVARCHAR, Types.CLOB, Types.NCLOB, Types.NVARCHAR,
                     Types.LONGNVARCHAR, Types.NCHAR -> Column.Kind.TEXT;
                case Types.DECIMAL, Types.NUMERIC, Types.DOUBLE, Types.FLOAT, Types.REAL -> Column.Kind.DECIMAL;
                case Types.BIGINT, Types.INTEGER, Types.SMALLINT -> Column.Kind.INTEGER;
                case Types.TINYINT, Types.BIT, Types.BOOLEAN -> Column.Kind.BOOLEAN;
                case Types.DATE -> Column.Kind.DATE;
                default -> Column.Kind.DATETIME;
            };
        }

        boolean isVarchar() {
            return (jdbcType == Types.VARCHAR || jdbcType == Types.NVARCHAR) && size > 0 && size < 16_384;
        }

        boolean isDecimal() {
            return jdbcType == Types.DECIMAL || jdbcType == Types.NUMERIC;
        }

        int rowBytes(Database db) {
            return isVarchar() ? db.charactersHeld(size) * 4 + 2 : 12;
        }
    }

    private static Map<String, Existing> existingColumns(Connection c, String table) throws SQLException {
        Map<String, Existing> out = new HashMap<>();
        DatabaseMetaData meta = c.getMetaData();
        try (ResultSet rs = meta.getColumns(c.getCatalog(), c.getSchema(), table, null)) {
            while (rs.next()) {
                String name = rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT);
                out.put(name, new Existing(name, rs.getInt("DATA_TYPE"), rs.getString("TYPE_NAME"),
                        rs.getInt("COLUMN_SIZE"), rs.getInt("DECIMAL_DIGITS")));
            }
        }
        return out;
    }

    private static Set<String> existingIndexes(Connection c, String table) throws SQLException {
        Set<String> out = new HashSet<>();
        try (ResultSet rs = c.getMetaData().getIndexInfo(c.getCatalog(), c.getSchema(), table, false, false)) {
            while (rs.next()) {
                String name = rs.getString("INDEX_NAME");
                if (name != null) {
                    out.add(name.toLowerCase(Locale.ROOT));
                }
            }
        }
        return out;
    }

}
