package dev.formation.report;

import dev.formation.metadata.MetadataHolder;
import dev.formation.metadata.MetadataSnapshot;
import dev.formation.form.Field;
import dev.formation.form.FieldType;
import dev.formation.form.FormCatalog;
import dev.formation.form.Option;
import dev.formation.i18n.Texts;
import dev.formation.report.render.NotSet;
import dev.formation.core.TenantScope;
import dev.formation.core.Actor;
import dev.formation.core.ForbiddenException;
import dev.formation.core.NotFoundException;
import dev.formation.security.AccessPolicy;
import dev.formation.security.Directory;
import dev.formation.security.FieldAccess;
import dev.formation.store.DataVersion;
import dev.formation.store.Database;
import dev.formation.store.QueryRows;
import dev.formation.store.SqlCondition;
import dev.formation.store.Tx;
import dev.formation.core.BadRequestException;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs reports for a viewer: checks they may read the source form, resolves parameters,
 * compiles the dataset with their row scope and caches results under a key that includes
 * that scope, so one viewer's numbers are never served to another, and the data version, so a
 * change made on this node shows at once.
 */
@Singleton
public class ReportService {

    /** Rows a table or export may hold; the benchmark's 100k-row export fits. */
    public static final int MAX_ROWS = 100_000;
    private static final int CACHE_ENTRIES = 500;

    private final MetadataHolder metadata;
    private final AccessPolicy access;
    private final Directory directory;
    private final Tx tx;
    private final dev.formation.security.AuditTrail audit;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final long cacheMillis;
    private final DataVersion dataVersion;

    private record Cached(long at, List<Map<String, Object>> rows) {
    }

    private final Clock clock;

    public ReportService(MetadataHolder metadata, AccessPolicy access, Directory directory, Tx tx,
                         dev.formation.security.AuditTrail audit, dev.formation.config.FormationSettings settings, Clock clock,
                         DataVersion dataVersion) {
        this.clock = clock;
        this.dataVersion = dataVersion;
        this.audit = audit;
        this.cacheMillis = settings.getReportCacheSeconds() * 1000L;
        this.metadata = metadata;
        this.access = access;
        this.directory = directory;
        this.tx = tx;
    }

    /** Reports the viewer may run: those over forms they may read, touching no field their roles hide. */
    public List<ReportDefinition> available(Actor actor) {
        return catalog().reports().stream().filter(r -> mayRun(r, actor)).toList();
    }

    public ReportDefinition report(String key, Actor actor) {
        return report(catalog(), key, actor);
    }

    private ReportDefinition report(ReportCatalog catalog, String key, Actor actor) {
        ReportDefinition report = catalog.report(key).orElseThrow(() -> new NotFoundException("report " + key));
        if (!mayRun(report, actor)) {
            throw new NotFoundException("report " + key);
        }
        return report;
    }

    /**
     * A report shows, sums, groups or filters by its fields; one that uses a field the viewer's
     * roles hide (on its form or a joined one) would tell its values, so it is not theirs to run.
     */
    public boolean mayRun(ReportDefinition report, Actor actor) {
        if (!access.can(actor, report.form(), AccessPolicy.READ)) {
            return false;
        }
        List<ReportDefinition.Ref> refs = new ArrayList<>();
        report.filters().forEach(f -> refs.add(f.ref()));
        report.columns().forEach(o -> refs.add(o.ref()));
        report.groups().forEach(o -> refs.add(o.ref()));
        report.measures().forEach(m -> refs.add(m.ref()));
        return refs.stream().filter(r -> r != null && r.field() != null && r.form() != null)
                .noneMatch(r -> access.fields(actor, r.form()).get(r.field().key()) == FieldAccess.HIDDEN);
    }

    /** Export needs the export action on the source form (seed 001: salespeople may not export). */
    public void requireExport(ReportDefinition report, Actor actor) {
        if (!mayExport(report, actor)) {
            throw new ForbiddenException("export " + report.key());
        }
    }

    /** Whether pages offer the report's export buttons: the same check the export route makes. */
    public boolean mayExport(ReportDefinition report, Actor actor) {
        return access.can(actor, report.form(), AccessPolicy.EXPORT);
    }

    public ReportResult run(String key, Map<String, String> rawParams, Actor actor, Locale locale) {
        return run(key, rawParams, actor, locale, MAX_ROWS);
    }

    /** Runs with at most {@code maxRows} rows: a dashboard table shows the top rows, an export all of them. */
    public ReportResult run(String key, Map<String, String> rawParams, Actor actor, Locale locale, int maxRows) {
        // one snapshot for the definition and the cache key, so rows are never filed under another version's key
        MetadataSnapshot snapshot = metadata.current();
        ReportDefinition report = report(snapshot.get(ReportCatalog.class), key, actor);
        Map<String, Object> params = resolve(report, rawParams, actor);
        SqlCondition scope = access.rows(actor, report.form(), AccessPolicy.READ, "t");
        String team = rawParams.get("team");
        if (team != null && !team.isBlank()) {
            // any report narrows to a team (and the teams under it) by its records' owners
            scope = AccessPolicy.and(scope, access.ownedWithin(team.trim(), "t"));
            params.put("team", team.trim());
        }
        // the metadata version is in the key so a swapped snapshot (a changed report) never serves old rows
        // and the tenant: two tenants may run the same definition over different rows
        String cacheKey = TenantScope.current() + '|' + key + '|' + snapshot.version() + '|' + dataVersion.current() + '|' + maxRows + '|' + params + '|' + scope.sql() + '|'
                + scope.params();
        long now = clock.millis();
        Cached cached = cache.get(cacheKey);
        List<Map<String, Object>> raw;
        if (cached != null && now - cached.at() < cacheMillis) {
            raw = cached.rows();
        } else {
            raw = query(report, params, scope, maxRows);
            if (cache.size() >= CACHE_ENTRIES) {
                cache.entrySet().removeIf(e -> now - e.getValue().at() >= cacheMillis);
                if (cache.size() >= CACHE_ENTRIES) {
                    cache.clear();
                }
            }
            cache.put(cacheKey, new Cached(now, raw));
        }
        return new ReportResult(report, columns(report, locale), display(report, raw, locale), params);
    }

    private List<Map<String, Object>> query(ReportDefinition report, Map<String, Object> params, SqlCondition scope,
                                            int maxRows) {
        return tx.read(c -> {
            DatasetSql.Statement statement = DatasetSql.compile(report, params, scope, Database.of(c),
                    Math.min(maxRows, MAX_ROWS));
            List<String> keys = report.outputKeys();
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Object[] values : QueryRows.read(c, statement.sql(), statement.params(), keys.size())) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 0; i < values.length; i++) {
                    row.put(keys.get(i), plain(values[i]));
                }
                rows.add(row);
            }
            return List.copyOf(rows);
        });
    }

    /**
     * One Java type per kind of value, whatever the driver returns: dates as LocalDate, date-times
     * as LocalDateTime to the second (H2 returns Timestamp, MySQL LocalDateTime), whole numbers as
     * Long, others as BigDecimal. Each format writes them its own way (JSON, CSV, the renderer).
     */
    private static Object plain(Object value) {
        if (value instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toLocalDateTime().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        }
        if (value instanceof LocalDateTime t) {
            return t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        }
        if (value instanceof Integer i) {
            return i.longValue();
        }
        if (value instanceof Double || value instanceof Float) {
            return new BigDecimal(value.toString());
        }
        return value;
    }

    /** Resolves defaults and named ranges; a daterange also accepts {@code <key>_from} / {@code <key>_to}. */
    Map<String, Object> resolve(ReportDefinition report, Map<String, String> raw, Actor actor) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (ReportDefinition.Param p : report.params()) {
            String value = raw.get(p.key());
            if (value == null || value.isBlank()) {
                value = p.defaultValue();
            }
            switch (p.type()) {
                case "daterange" -> {
                    String from = raw.get(p.key() + "_from");
                    String to = raw.get(p.key() + "_to");
                    if ((from != null && !from.isBlank()) || (to != null && !to.isBlank())) {
                        out.put(p.key(), new DateRanges.Range(date(p.key() + "_from", from), date(p.key() + "_to", to)
                                == null ? null : date(p.key() + "_to", to).plusDays(1)));
                    } else {
                        String name = value == null ? "all" : value;
                        if (!DateRanges.isNamed(name)) {
                            throw new BadRequestException("problem.badParam", p.key(),
                                    "this_month, last_month, this_quarter, this_year, last_year, last_30_days, "
                                            + "last_12_months, all");
                        }
                        out.put(p.key(), DateRanges.of(name, LocalDate.now(clock)));
                    }
                }
                case "user" -> out.put(p.key(), "$user".equals(value) ? actor.username() : value);
                case "select" -> {
                    if (value != null && p.options().stream().noneMatch(o -> o.key().equals(raw.get(p.key())))
                            && raw.get(p.key()) != null && !raw.get(p.key()).isBlank()) {
                        throw new BadRequestException("problem.badParam", p.key(), "not an option");
                    }
                    out.put(p.key(), value);
                }
                default -> out.put(p.key(), value);
            }
        }
        return out;
    }

    private static LocalDate date(String name, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            throw new BadRequestException("problem.badParam", name, "YYYY-MM-DD");
        }
    }

    private static List<ReportResult.Column> columns(ReportDefinition report, Locale locale) {
        List<ReportResult.Column> out = new ArrayList<>();
        List<ReportDefinition.Output> outputs = report.isAggregate() ? report.groups() : report.columns();
        for (ReportDefinition.Output o : outputs) {
            String type = o.bucket() == null ? type(o.ref()) : "day".equals(o.bucket()) ? "date" : "text";
            out.add(new ReportResult.Column(o.key(), o.label().in(locale), type));
        }
        for (ReportDefinition.Measure m : report.measures()) {
            String type = switch (m.fn()) {
                case "count", "count_distinct" -> "integer";
                default -> m.ref() == null ? "number" : type(m.ref());
            };
            out.add(new ReportResult.Column(m.key(), m.label().in(locale), type));
        }
        return out;
    }

    private static String type(ReportDefinition.Ref ref) {
        if (ref.field() == null) {
            return ref.column().endsWith("_at") ? "datetime"
                    : List.of("id", "version").contains(ref.column()) ? "integer" : "text";
        }
        return switch (ref.field().valueType()) {
            case MONEY -> "money";
            case PERCENT -> "percent";
            case NUMBER -> "number";
            case INTEGER -> "integer";
            case DATE -> "date";
            case DATETIME -> "datetime";
            default -> "text";
        };
    }

    /**
     * Option keys, usernames and departments become labels; drillable rows get a link to the list.
     * A group whose key is empty (null or blank: a record without the field, a reference to
     * nothing) is a group of its own, named "not set" in the viewer's language, never null: every
     * presentation (a chart's category, a table's cell, JSON) can show it.
     */
    private List<Map<String, Object>> display(ReportDefinition report, List<Map<String, Object>> raw, Locale locale) {
        List<ReportDefinition.Output> outputs = report.isAggregate() ? report.groups() : report.columns();
        NotSet notSet = new NotSet(Texts.get(locale, "report.notSet"));
        Map<String, String> users = null;
        Map<String, String> departments = null;
        List<Map<String, Object>> out = new ArrayList<>(raw.size());
        for (Map<String, Object> row : raw) {
            Map<String, Object> shown = new LinkedHashMap<>(row);
            for (ReportDefinition.Output o : outputs) {
                Object value = row.get(o.key());
                if (report.isAggregate() && (value == null || value instanceof String s && s.isBlank())) {
                    shown.put(o.key(), notSet);
                    continue;
                }
                if (value == null || o.bucket() != null) {
                    continue;
                }
                Field field = o.ref().field();
                boolean isUser = field != null ? field.valueType() == FieldType.USER
                        : List.of("owner", "created_by", "updated_by").contains(o.ref().column());
                if (isUser) {
                    users = users == null ? directory.userNames() : users;
                    shown.put(o.key(), users.getOrDefault(value.toString(), value.toString()));
                } else if (field != null && field.valueType() == FieldType.DEPARTMENT) {
                    departments = departments == null ? directory.departmentNames() : departments;
                    shown.put(o.key(), departments.getOrDefault(value.toString(), value.toString()));
                } else if (field != null && !field.options().isEmpty()) {
                    Option option = field.option(value.toString());
                    shown.put(o.key(), option == null ? value : option.label().in(locale));
                }
            }
            drill(report, row).ifPresent(href -> shown.put("_drill", href));
            out.add(shown);
        }
        return out;
    }

    private java.util.Optional<String> drill(ReportDefinition report, Map<String, Object> row) {
        if (!report.presentation().drill() || report.groups().isEmpty()) {
            return java.util.Optional.empty();
        }
        ReportDefinition.Output g = report.groups().get(0);
        Object value = row.get(g.key());
        boolean filterable = "t".equals(g.ref().alias()) && g.bucket() == null && value != null
                && (report.form().filters().contains(g.ref().column())
                || List.of("status", "owner").contains(g.ref().column()));
        if (!filterable) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("/forms/" + report.form().key() + "?" + g.ref().column() + "="
                + java.net.URLEncoder.encode(value.toString(), java.nio.charset.StandardCharsets.UTF_8));
    }

    public FormCatalog forms() {
        return metadata.current().get(FormCatalog.class);
    }

    /** Exports are audited: who, which report, which format, how many rows. */
    public void audit(Actor actor, ReportDefinition report, String format, int rows) {
        tx.write(c -> {
            audit.record(actor, "export_report", report.form().key(), null,
                    Map.of("report", java.util.Arrays.asList(null, report.key()),
                            "format", java.util.Arrays.asList(null, format),
                            "rows", java.util.Arrays.asList(null, rows)),
                    LocalDateTime.now(clock).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
            return null;
        });
    }

    private ReportCatalog catalog() {
        return metadata.current().get(ReportCatalog.class);
    }
}
