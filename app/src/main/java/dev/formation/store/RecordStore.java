package dev.formation.store;

import dev.formation.form.Field;
import dev.formation.form.Form;
import dev.formation.form.PlatformColumns;
import io.micronaut.context.annotation.Property;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Reads and writes form records on a connection the caller's transaction owns. A record with
 * sub-tables loads in one query plus one per table field, whatever the number of rows; an
 * update writes only changed columns and changed child rows.
 */
@Singleton
public class RecordStore {

    private static final int PAGES_COUNTED_AHEAD = 10;

    /** A list counts its matches up to this many, then says "at least" ({@code formation.lists.count-cap}). */
    private final long countCap;

    public RecordStore(@Property(name = "formation.lists.count-cap", defaultValue = "10000") long countCap) {
        this.countCap = Math.max(1, countCap);
    }

    /** Values of the platform columns on insert. */
    public record Stamp(String code, String owner, String status, String by, LocalDateTime at) {
    }

    public Optional<Map<String, Object>> find(Connection c, Form form, long id, SqlCondition scope) throws SQLException {
        String sql = "SELECT * FROM " + SqlNames.q(SqlNames.table(form)) + " WHERE `id` = ? AND `deleted_at` IS NULL AND ("
                + scope.sql() + ")";
        Map<String, Object> record;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            List<Object> params = new ArrayList<>();
            params.add(id);
            params.addAll(scope.params());
            ValueCodec.bindAll(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                record = readRow(form, rs);
            }
        }
        for (Field table : form.tableFields()) {
            record.put(table.key(), loadRows(c, form, table, List.of(id)).getOrDefault(id, new ArrayList<>()));
        }
        return Optional.of(record);
    }

    /** Whether a live record is within the scope, without loading it. */
    public boolean visible(Connection c, Form form, long id, SqlCondition scope) throws SQLException {
        String sql = "SELECT 1 FROM " + SqlNames.q(SqlNames.table(form)) + " WHERE `id` = ? AND `deleted_at` IS NULL AND ("
                + scope.sql() + ")";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            List<Object> params = new ArrayList<>();
            params.add(id);
            params.addAll(scope.params());
            ValueCodec.bindAll(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    public long insert(Connection c, Form form, Stamp stamp, Map<String, Object> values) throws SQLException {
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("code", stamp.code());
        columns.put("owner", stamp.owner());
        columns.put("status", stamp.status());
        columns.put("created_by", stamp.by());
        columns.put("created_at", stamp.at());
        columns.put("updated_by", stamp.by());
        columns.put("updated_at", stamp.at());
        columns.put("version", 1L);
        for (Field field : form.fields()) {
            if (!field.isTable() && !field.isPlatformBound()) {
                columns.putAll(ValueCodec.toColumns(field, values.get(field.key())));
            }
        }
        long id = insertRow(c, SqlNames.table(form), columns);
        for (Field table : form.tableFields()) {
            insertChildren(c, form, table, id, rows(values.get(table.key())), 0);
        }
        return id;
    }

    /**
     * Applies changes if the record is still at {@code expectedVersion}.
     *
     * @param changes field key → new value, only for fields that changed (tables: the whole new row list)
     * @param platform platform column → new value (owner, status, code), only those that changed
     * @return false when the version did not match or the record is gone
     */
    public boolean update(Connection c, Form form, long id, long expectedVersion, Map<String, Object> changes,
                          Map<String, Object> platform, String by, LocalDateTime at) throws SQLException {
        Map<String, Object> columns = new LinkedHashMap<>(platform);
        for (Map.Entry<String, Object> change : changes.entrySet()) {
            Field field = form.field(change.getKey()).orElseThrow();
            if (!field.isTable()) {
                columns.putAll(ValueCodec.toColumns(field, change.getValue()));
            }
        }
        columns.put("updated_by", by);
        columns.put("updated_at", at);
        StringJoiner set = new StringJoiner(", ");
        List<Object> params = new ArrayList<>();
        columns.forEach((column, value) -> {
            set.add(SqlNames.q(column) + " = ?");
            params.add(value);
        });
        set.add("`version` = `version` + 1");
        params.add(id);
        params.add(expectedVersion);
        String sql = "UPDATE " + SqlNames.q(SqlNames.table(form)) + " SET " + set
                + " WHERE `id` = ? AND `version` = ? AND `deleted_at` IS NULL";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ValueCodec.bindAll(ps, params);
            if (ps.executeUpdate() != 1) {
                return false;
            }
        }
        for (Field table : form.tableFields()) {
            if (changes.containsKey(table.key())) {
                syncChildren(c, form, table, id, rows(changes.get(table.key())));
            }
        }
        return true;
    }

    public boolean softDelete(Connection c, Form form, long id, long expectedVersion, String by, LocalDateTime at)
            throws SQLException {
        String sql = "UPDATE " + SqlNames.q(SqlNames.table(form)) + " SET `deleted_at` = ?, `updated_by` = ?, "
                + "`updated_at` = ?, `version` = `version` + 1 WHERE `id` = ? AND `version` = ? AND `deleted_at` IS NULL";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ValueCodec.bindAll(ps, List.of(at, by, at, id, expectedVersion));
            return ps.executeUpdate() == 1;
        }
    }

    /** Sets the status and creation time a loader brings from elsewhere (demo data, imports). */
    public void restamp(Connection c, Form form, long id, String status, LocalDateTime createdAt) throws SQLException {
        String sql = "UPDATE %s SET `status` = COALESCE(?, `status`), `created_at` = COALESCE(?, `created_at`), "
                .formatted(SqlNames.q(SqlNames.table(form)))
                + "`updated_at` = COALESCE(?, `updated_at`) WHERE `id` = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ValueCodec.bindAll(ps, java.util.Arrays.asList(status, createdAt, createdAt, id));
            ps.executeUpdate();
        }
    }

    /** The live record's version, or empty when it does not exist or was deleted. */
    public Optional<Long> currentVersion(Connection c, Form form, long id) throws SQLException {
        String sql = "SELECT `version` FROM " + SqlNames.q(SqlNames.table(form)) + " WHERE `id` = ? AND `deleted_at` IS NULL";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    /** Ids of live records among {@code ids}, for reference checks. */
    public Set<Long> existing(Connection c, Form form, Set<Long> ids) throws SQLException {
        return liveIds(c, form, ids, "");
    }

    /**
     * Locks live records among {@code ids} until the caller's transaction ends, so a record
     * that is about to be referred to cannot be deleted in between (the delete locks the same
     * row when it checks for references). Returns the ids found.
     */
    public Set<Long> lockLive(Connection c, Form form, Set<Long> ids) throws SQLException {
        // in id order, so two writers locking overlapping sets cannot deadlock
        return liveIds(c, form, ids, " ORDER BY `id` FOR UPDATE");
    }

    private Set<Long> liveIds(Connection c, Form form, Set<Long> ids, String suffix) throws SQLException {
        Set<Long> found = new HashSet<>();
        if (ids.isEmpty()) {
            return found;
        }
        String marks = String.join(", ", java.util.Collections.nCopies(ids.size(), "?"));
        String sql = "SELECT `id` FROM " + SqlNames.q(SqlNames.table(form)) + " WHERE `deleted_at` IS NULL AND `id` IN ("
                + marks + ")" + suffix;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ValueCodec.bindAll(ps, new ArrayList<>(ids));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getLong(1));
                }
            }
        }
        return found;
    }

    /**
     * The live records whose {@code column} (a field or platform column of the form) holds one of
     * {@code values}: value as text → ids, in id order. For finding records by what a person
     * typed (a code, a title, a credit code), e.g. when a spreadsheet names them.
     */
    public Map<String, List<Long>> liveIdsHolding(Connection c, Form form, String column, Collection<?> values)
            throws SQLException {
        Map<String, List<Long>> found = new HashMap<>();
        if (values.isEmpty()) {
            return found;
        }
        String marks = String.join(", ", java.util.Collections.nCopies(values.size(), "?"));
        String sql = "SELECT " + SqlNames.q(column) + ", `id` FROM " + SqlNames.q(SqlNames.table(form))
                + " WHERE `deleted_at` IS NULL AND " + SqlNames.q(column) + " IN (" + marks + ") ORDER BY `id`";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ValueCodec.bindAll(ps, new ArrayList<>(values));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getLong(2));
                }
            }
        }
        return found;
    }

    /** One field's value on a live record, or empty when the record does not exist or was deleted. */
    public Optional<Object> fieldValue(Connection c, Form form, long id, Field field) throws SQLException {
        String sql = "SELECT * FROM " + SqlNames.q(SqlNames.table(form)) + " WHERE `id` = ? AND `deleted_at` IS NULL";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(ValueCodec.fromColumns(field, rs)) : Optional.empty();
            }
        }
    }

    /**
     * How many live records of {@code form} refer to record {@code id} through one of its
     * reference fields or a reference column of one of its sub-tables (each record once).
     *
     * @param rowReferences sub-table field → its reference columns to look in
     * @param exceptId      a record not to count (the record itself, when a form refers to itself), or null
     */
    public long countReferring(Connection c, Form form, List<Field> references, Map<Field, List<Field>> rowReferences,
                               long id, Long exceptId) throws SQLException {
        StringJoiner any = new StringJoiner(" OR ", "(", ")");
        List<Object> params = new ArrayList<>();
        for (Field field : references) {
            any.add("p." + SqlNames.q(field.key()) + " = ?");
            params.add(id);
        }
        for (Map.Entry<Field, List<Field>> table : rowReferences.entrySet()) {
            for (Field column : table.getValue()) {
                any.add("p.`id` IN (SELECT r.`record_id` FROM " + SqlNames.q(SqlNames.childTable(form, table.getKey()))
                        + " r WHERE r." + SqlNames.q(column.key()) + " = ?)");
                params.add(id);
            }
        }
        if (params.isEmpty()) {
            return 0;
        }
        String sql = "SELECT COUNT(*) FROM " + SqlNames.q(SqlNames.table(form)) + " p WHERE p.`deleted_at` IS NULL AND "
                + any + (exceptId == null ? "" : " AND p.`id` <> ?");
        if (exceptId != null) {
            params.add(exceptId);
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ValueCodec.bindAll(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Whether a live record has one of the statuses. */
    public boolean hasStatus(Connection c, Form form, long id, List<String> statuses) throws SQLException {
        String marks = String.join(", ", java.util.Collections.nCopies(statuses.size(), "?"));
        String sql = "SELECT 1 FROM " + SqlNames.q(SqlNames.table(form)) + " WHERE `id` = ? AND `deleted_at` IS NULL "
                + "AND `status` IN (" + marks + ")";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            List<Object> params = new ArrayList<>();
            params.add(id);
            params.addAll(statuses);
            ValueCodec.bindAll(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Whether another record (deleted ones included: the unique index covers them) holds a value. */
    public boolean valueTaken(Connection c, Form form, String column, Object value, Long exceptId) throws SQLException {
        String sql = "SELECT 1 FROM " + SqlNames.q(SqlNames.table(form)) + " WHERE " + SqlNames.q(column) + " = ?"
                + (exceptId == null ? "" : " AND `id` <> ?");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ValueCodec.bind(ps, 1, value);
            if (exceptId != null) {
                ps.setLong(2, exceptId);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Titles of records by id, for showing references. */
    public Map<Long, String> titles(Connection c, Form form, Set<Long> ids) throws SQLException {
        Map<Long, String> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        String title = SqlNames.q(form.titleField());
        String marks = String.join(", ", java.util.Collections.nCopies(ids.size(), "?"));
        String sql = "SELECT `id`, " + title + " FROM " + SqlNames.q(SqlNames.table(form)) + " WHERE `id` IN (" + marks + ")";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ValueCodec.bindAll(ps, new ArrayList<>(ids));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(1), rs.getString(2));
                }
            }
        }
        return out;
    }

    public RecordPage list(Connection c, Form form, ListQuery query) throws SQLException {
        return list(c, form, query, false);
    }

    /**
     * A page of the form's recycle bin: deleted records, each with {@code deleted_at} and
     * {@code deleted_by} (the delete is the record's last write, so its updater is the deleter).
     */
    public RecordPage listDeleted(Connection c, Form form, ListQuery query) throws SQLException {
        return list(c, form, query, true);
    }

    /** A deleted record within the scope, with its sub-table rows, {@code deleted_at} and {@code deleted_by}. */
    public Optional<Map<String, Object>> findDeleted(Connection c, Form form, long id, SqlCondition scope)
            throws SQLException {
        String sql = "SELECT * FROM " + SqlNames.q(SqlNames.table(form)) + " WHERE `id` = ? AND `deleted_at` IS NOT NULL"
                + " AND (" + scope.sql() + ")";
        Map<String, Object> record;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            List<Object> params = new ArrayList<>();
            params.add(id);
            params.addAll(scope.params());
            ValueCodec.bindAll(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                record = readRow(form, rs);
                addDeletion(record, rs);
            }
        }
        for (Field table : form.tableFields()) {
            record.put(table.key(), loadRows(c, form, table, List.of(id)).getOrDefault(id, new ArrayList<>()));
        }
        return Optional.of(record);
    }

    private static void addDeletion(Map<String, Object> record, ResultSet rs) throws SQLException {
        record.put(PlatformColumns.DELETED_AT, ValueCodec.dateTime(rs, PlatformColumns.DELETED_AT));
        record.put("deleted_by", rs.getString(PlatformColumns.UPDATED_BY));
    }

    private RecordPage list(Connection c, Form form, ListQuery query, boolean deleted) throws SQLException {
        List<Object> params = new ArrayList<>();
        String where = where(form, query, params, deleted);
        String table = SqlNames.q(SqlNames.table(form));
        long cap = countCap(query);
        long total;
        // counted over a LIMITed inner select: the database stops after cap + 1 matches instead of
        // visiting every row (an exact COUNT(*) over a million rows takes seconds and, on MySQL,
        // holds the table's metadata lock all that time, stalling an online ALTER)
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM (SELECT 1 AS `one` FROM " + table + where
                + " LIMIT ?) `capped`")) {
            List<Object> countParams = new ArrayList<>(params);
            countParams.add(cap + 1);
            ValueCodec.bindAll(ps, countParams);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                total = rs.getLong(1);
            }
        }
        boolean exact = total <= cap;
        total = Math.min(total, cap);
        StringJoiner order = new StringJoiner(", ", " ORDER BY ", "");
        for (String key : query.sort()) {
            boolean desc = key.startsWith("-");
            order.add(SqlNames.q(desc ? key.substring(1) : key) + (desc ? " DESC" : " ASC"));
        }
        order.add("`id` DESC");
        List<Map<String, Object>> items = new ArrayList<>();
        List<Object> selectParams = new ArrayList<>();
        String readable = "";
        if (query.readable() != null) {
            readable = ", CASE WHEN (" + query.readable().sql() + ") THEN 1 ELSE 0 END AS `_readable`";
            selectParams.addAll(query.readable().params());
        }
        String sql = "SELECT *" + readable + " FROM " + table + where + order + " LIMIT ? OFFSET ?";
        params.addAll(0, selectParams);
        params.add(query.size());
        params.add(query.offset());
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ValueCodec.bindAll(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> row = readRow(form, rs);
                    if (deleted) {
                        addDeletion(row, rs);
                    }
                    row.put("_readable", query.readable() == null || rs.getInt("_readable") == 1);
                    items.add(row);
                }
            }
        }
        return new RecordPage(items, total, query.page(), query.size(), exact);
    }

    /**
     * How far a list counts: the configured cap, or further when the page asked for lies beyond,
     * so that the pager can always offer the pages just after the current one.
     */
    long countCap(ListQuery query) {
        return Math.max(countCap, query.offset() + (long) query.size() * PAGES_COUNTED_AHEAD);
    }

    /**
     * Up to {@code limit} live rows of the query's scope, keywords and filters whose id is above
     * {@code afterId}, by id. An export walks a whole table this way: each page is an index range
     * seek on the primary key, where COUNT + OFFSET would rescan every row already sent.
     */
    public List<Map<String, Object>> listAfter(Connection c, Form form, ListQuery query, long afterId, int limit)
            throws SQLException {
        List<Object> params = new ArrayList<>();
        String where = where(form, query, params, false);
        String sql = "SELECT * FROM " + SqlNames.q(SqlNames.table(form)) + where + " AND `id` > ? ORDER BY `id` LIMIT ?";
        params.add(afterId);
        params.add(limit);
        List<Map<String, Object>> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ValueCodec.bindAll(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(readRow(form, rs));
                }
            }
        }
        return rows;
    }

    /** The list's WHERE clause (live rows, or the bin's, the scope, each keyword in some search field, the filters). */
    private static String where(Form form, ListQuery query, List<Object> params, boolean deleted) {
        StringBuilder where = new StringBuilder(deleted ? " WHERE `deleted_at` IS NOT NULL AND (" : " WHERE `deleted_at` IS NULL AND (")
                .append(query.scope().sql()).append(')');
        params.addAll(query.scope().params());
        for (String keyword : query.keywords()) {
            StringJoiner any = new StringJoiner(" OR ", " AND (", ")");
            for (String column : form.searchFields()) {
                any.add(SqlNames.q(column) + " LIKE ? ESCAPE '!'");
                params.add("%" + escapeLike(keyword) + "%");
            }
            where.append(any);
        }
        query.filters().forEach((column, value) -> {
            if (value == null) {
                where.append(" AND ").append(SqlNames.q(column)).append(" IS NULL");
            } else {
                where.append(" AND ").append(SqlNames.q(column)).append(" = ?");
                params.add(value);
            }
        });
        return where.toString();
    }

    static String escapeLike(String keyword) {
        return keyword.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    private Map<String, Object> readRow(Form form, ResultSet rs) throws SQLException {
        Map<String, Object> record = new LinkedHashMap<>();
        for (String column : PlatformColumns.ALL) {
            if (column.endsWith("_at")) {
                record.put(column, ValueCodec.dateTime(rs, column));
            } else if (column.equals("id") || column.equals("version")) {
                record.put(column, rs.getLong(column));
            } else {
                record.put(column, rs.getString(column));
            }
        }
        for (Field field : form.fields()) {
            if (!field.isTable() && !field.isPlatformBound()) {
                record.put(field.key(), ValueCodec.fromColumns(field, rs));
            }
        }
        return record;
    }

    /** Rows of one table field for many records in one query, grouped by record id. */
    public Map<Long, List<Map<String, Object>>> loadRows(Connection c, Form form, Field table, List<Long> recordIds)
            throws SQLException {
        Map<Long, List<Map<String, Object>>> out = new HashMap<>();
        if (recordIds.isEmpty()) {
            return out;
        }
        String marks = String.join(", ", java.util.Collections.nCopies(recordIds.size(), "?"));
        String sql = "SELECT * FROM " + SqlNames.q(SqlNames.childTable(form, table)) + " WHERE `record_id` IN (" + marks
                + ") ORDER BY `record_id`, `position`, `id`";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ValueCodec.bindAll(ps, new ArrayList<>(recordIds));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("id", rs.getLong("id"));
                    for (Field child : table.children()) {
                        row.put(child.key(), ValueCodec.fromColumns(child, rs));
                    }
                    out.computeIfAbsent(rs.getLong("record_id"), k -> new ArrayList<>()).add(row);
                }
            }
        }
        return out;
    }

    private void insertChildren(Connection c, Form form, Field table, long recordId, List<Map<String, Object>> rows,
                                int firstPosition) throws SQLException {
        int position = firstPosition;
        for (Map<String, Object> row : rows) {
            insertRow(c, SqlNames.childTable(form, table), childColumns(table, recordId, position++, row));
        }
    }

    private static Map<String, Object> childColumns(Field table, long recordId, int position, Map<String, Object> row) {
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("record_id", recordId);
        columns.put("position", position);
        for (Field child : table.children()) {
            columns.putAll(ValueCodec.toColumns(child, row.get(child.key())));
        }
        return columns;
    }

    /** Deletes rows no longer sent, updates rows whose values or position changed, inserts new ones. */
    private void syncChildren(Connection c, Form form, Field table, long recordId, List<Map<String, Object>> rows)
            throws SQLException {
        String childTable = SqlNames.childTable(form, table);
        Map<Long, Map<String, Object>> current = new LinkedHashMap<>();
        List<Map<String, Object>> stored = loadRows(c, form, table, List.of(recordId)).getOrDefault(recordId, List.of());
        for (int i = 0; i < stored.size(); i++) {
            Map<String, Object> row = new LinkedHashMap<>(stored.get(i));
            row.put("$position", i);
            current.put((Long) row.get("id"), row);
        }
        Set<Long> kept = new HashSet<>();
        for (int position = 0; position < rows.size(); position++) {
            Map<String, Object> row = rows.get(position);
            Object rowId = row.get("id");
            Map<String, Object> old = rowId == null ? null : current.get(((Number) rowId).longValue());
            if (old == null) {
                insertRow(c, childTable, childColumns(table, recordId, position, row));
                continue;
            }
            long id = ((Number) rowId).longValue();
            kept.add(id);
            Map<String, Object> changed = new LinkedHashMap<>();
            for (Field child : table.children()) {
                if (!Objects.equals(normalise(old.get(child.key())), normalise(row.get(child.key())))) {
                    changed.putAll(ValueCodec.toColumns(child, row.get(child.key())));
                }
            }
            if (!Objects.equals(old.get("$position"), position)) {
                changed.put("position", position);
            }
            if (!changed.isEmpty()) {
                StringJoiner set = new StringJoiner(", ");
                List<Object> params = new ArrayList<>();
                changed.forEach((column, value) -> {
                    set.add(SqlNames.q(column) + " = ?");
                    params.add(value);
                });
                params.add(id);
                params.add(recordId);
                try (PreparedStatement ps = c.prepareStatement("UPDATE " + SqlNames.q(childTable) + " SET " + set
                        + " WHERE `id` = ? AND `record_id` = ?")) {
                    ValueCodec.bindAll(ps, params);
                    ps.executeUpdate();
                }
            }
        }
        List<Long> removed = current.keySet().stream().filter(id -> !kept.contains(id)).toList();
        for (Long id : removed) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + SqlNames.q(childTable)
                    + " WHERE `id` = ? AND `record_id` = ?")) {
                ps.setLong(1, id);
                ps.setLong(2, recordId);
                ps.executeUpdate();
            }
        }
    }

    /** Compares numbers by value so 10 and 10.00 are the same and no row is rewritten for it. */
    public static Object normalise(Object value) {
        if (value instanceof Number n && !(value instanceof java.math.BigDecimal)) {
            return new java.math.BigDecimal(n.toString()).stripTrailingZeros();
        }
        if (value instanceof java.math.BigDecimal d) {
            return d.stripTrailingZeros();
        }
        if (value instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(k, normalise(v)));
            return out;
        }
        if (value instanceof List<?> l) {
            return l.stream().map(RecordStore::normalise).toList();
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rows(Object value) {
        return value == null ? List.of() : (List<Map<String, Object>>) value;
    }

    private static long insertRow(Connection c, String table, Map<String, Object> columns) throws SQLException {
        StringJoiner names = new StringJoiner(", ");
        StringJoiner marks = new StringJoiner(", ");
        columns.keySet().forEach(name -> {
            names.add(SqlNames.q(name));
            marks.add("?");
        });
        String sql = "INSERT INTO " + SqlNames.q(table) + " (" + names + ") VALUES (" + marks + ")";
        try (PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            ValueCodec.bindAll(ps, new ArrayList<>(columns.values()));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** Platform columns a list may sort or filter by, besides the form's own. */
    public static boolean isListColumn(Form form, String column) {
        return PlatformColumns.ALL.contains(column)
                || form.field(column).filter(f -> !f.isTable() && !f.type().isFiles()).isPresent();
    }
}
