package dev.formation.store;

import dev.formation.form.Field;
import dev.formation.form.Form;
import dev.formation.form.FormCatalog;
import dev.formation.metadata.MetadataException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Brings the database in line with the forms: creates missing tables, adds missing columns
 * and indexes, widens a VARCHAR when a field grows. It never drops or narrows anything, so a
 * removed field keeps its data; a field whose new type cannot hold the column's values stops
 * start-up with a message naming the form, the field and both types.
 */
public final class SchemaSync {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaSync.class);

    private final DirectConnections connections;

    public SchemaSync(DirectConnections connections) {
        this.connections = connections;
    }

    public void sync(FormCatalog catalog) {
        try (Connection c = connections.open()) {
            c.setAutoCommit(true);
            Database db = Database.of(c);
            for (Form form : catalog.forms()) {
                syncTable(c, db, form, SqlNames.table(form), platformColumns(), formColumns(form), false);
                for (Field table : form.tableFields()) {
                    List<Column> columns = new ArrayList<>();
                    table.children().forEach(f -> columns.addAll(ColumnMapping.childColumns(f)));
                    syncTable(c, db, form, SqlNames.childTable(form, table), childPlatformColumns(), columns, true);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("schema sync failed: " + e.getMessage(), e);
        }
    }

    private static List<Column> formColumns(Form form) {
        List<Column> columns = new ArrayList<>();
        form.fields().stream().filter(f -> !f.isPlatformBound()).forEach(f -> columns.addAll(ColumnMapping.columns(form, f)));
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

    private void syncTable(Connection c, Database db, Form form, String table, List<String> platform,
                           List<Column> wanted, boolean child) throws SQLException {
        Map<String, Existing> existing = existingColumns(c, table);
        if (existing.isEmpty()) {
            List<Column> fitted = fitRowBudget(wanted, 0);
            StringBuilder ddl = new StringBuilder("CREATE TABLE ").append(SqlNames.q(table)).append(" (");
            ddl.append(String.join(", ", platform));
            for (Column column : fitted) {
                ddl.append(", ").append(SqlNames.q(column.name())).append(' ').append(column.sqlType(db)).append(" NULL");
            }
            ddl.append(')').append(db.tableOptions());
            execute(c, ddl.toString());
            LOG.info("Created table {} for form {}", table, form.key());
            wanted = fitted;
        } else {
            int used = existing.values().stream().mapToInt(e -> e.rowBytes(db)).sum();
            List<Column> missing = wanted.stream().filter(col -> !existing.containsKey(col.name())).toList();
            List<Column> fitted = fitRowBudget(missing, used);
            for (Column column : fitted) {
                execute(c, "ALTER TABLE " + SqlNames.q(table) + " ADD COLUMN " + SqlNames.q(column.name()) + " "
                        + column.sqlType(db) + " NULL");
                LOG.info("Added column {}.{} ({}) for form {}", table, column.name(), column.sqlType(db), form.key());
            }
            List<Column> present = new ArrayList<>();
            for (Column column : wanted) {
                Existing old = existing.get(column.name());
                if (old == null) {
                    present.add(fitted.stream().filter(f -> f.name().equals(column.name())).findFirst().orElse(column));
                    continue;
                }
                checkCompatible(form, table, column, old);
                present.add(widenIfNeeded(c, db, table, column, old));
            }
            wanted = present;
        }
        syncIndexes(c, form, table, wanted, child);
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

    private static void checkCompatible(Form form, String table, Column wanted, Existing old) {
        if (old.kind() != wanted.kind()) {
            throw new MetadataException("form '" + form.key() + "'", "/fields/" + wanted.name(),
                    "the field's type needs a " + wanted.kind().name().toLowerCase(Locale.ROOT) + " column but "
                            + table + "." + wanted.name() + " already holds " + old.kind().name().toLowerCase(Locale.ROOT)
                            + " values (" + old.typeName() + "); a field's type cannot change in a way that would lose"
                            + " data: keep the old type or add a field with a new key");
        }
    }

    private Column widenIfNeeded(Connection c, Database db, String table, Column wanted, Existing old)
            throws SQLException {
        if (old.isDecimal() && wanted.kind() == Column.Kind.DECIMAL) {
            return widenDecimalIfNeeded(c, db, table, wanted, old);
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
            execute(c, db.modifyColumn(table, wanted.name(), wanted.sqlType(db)));
            LOG.info("Widened {}.{} from VARCHAR({}) to {}", table, wanted.name(), old.size(), wanted.sqlType(db));
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
    private Column widenDecimalIfNeeded(Connection c, Database db, String table, Column wanted, Existing old)
            throws SQLException {
        int oldInteger = old.size() - old.decimalDigits();
        int wantedInteger = wanted.precision() - wanted.scale();
        if (wantedInteger <= oldInteger && wanted.scale() <= old.decimalDigits()) {
            return wanted;
        }
        int scale = Math.max(old.decimalDigits(), wanted.scale());
        String type = "DECIMAL(" + (Math.max(oldInteger, wantedInteger) + scale) + "," + scale + ")";
        execute(c, db.modifyColumn(table, wanted.name(), type));
        LOG.info("Widened {}.{} from {}({},{}) to {}", table, wanted.name(), old.typeName(), old.size(),
                old.decimalDigits(), type);
        return wanted;
    }

    private void syncIndexes(Connection c, Form form, String table, List<Column> columns, boolean child)
            throws SQLException {
        Set<String> indexes = existingIndexes(c, table);
        List<String[]> wanted = new ArrayList<>();
        if (child) {
            wanted.add(new String[]{SqlNames.index(table, "record_id"), "INDEX", "`record_id`, `position`"});
        } else {
            wanted.add(new String[]{SqlNames.uniqueIndex(table, "code"), "UNIQUE", "`code`"});
            wanted.add(new String[]{SqlNames.index(table, "owner"), "INDEX", "`owner`"});
            wanted.add(new String[]{SqlNames.index(table, "status"), "INDEX", "`status`"});
            wanted.add(new String[]{SqlNames.index(table, "updated_at"), "INDEX", "`updated_at`"});
        }
        for (Column column : columns) {
            if (column.kind() == Column.Kind.TEXT && !column.isVarchar()) {
                continue;
            }
            String cols = child ? "`record_id`, " + SqlNames.q(column.name()) : SqlNames.q(column.name());
            if (column.unique()) {
                wanted.add(new String[]{SqlNames.uniqueIndex(table, column.name()), "UNIQUE", cols});
            } else if (column.indexed()) {
                wanted.add(new String[]{SqlNames.index(table, column.name()), "INDEX", SqlNames.q(column.name())});
            }
        }
        for (String[] index : wanted) {
            if (indexes.contains(index[0])) {
                continue;
            }
            String ddl = "CREATE " + ("UNIQUE".equals(index[1]) ? "UNIQUE " : "") + "INDEX " + SqlNames.q(index[0])
                    + " ON " + SqlNames.q(table) + " (" + index[2] + ")";
            try {
                execute(c, ddl);
            } catch (SQLException e) {
                throw new MetadataException("form '" + form.key() + "'", table,
                        "cannot create index " + index[0] + " on " + index[2] + ": " + e.getMessage()
                                + " (existing rows may hold duplicate values)");
            }
        }
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

    private static void execute(Connection c, String ddl) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(ddl);
        }
    }
}
