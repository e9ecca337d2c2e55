package dev.formation.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.formation.metadata.MetadataHolder;
import dev.formation.form.Field;
import dev.formation.form.FieldType;
import dev.formation.form.Form;
import dev.formation.form.FormCatalog;
import dev.formation.store.SqlNames;
import dev.formation.testing.Api;
import dev.formation.testing.AppTestBase;
import dev.formation.testing.Customers;
import dev.formation.testing.JsonText;
import dev.formation.testing.JsonText.Literal;
import dev.formation.testing.LogCapture;
import dev.formation.testing.RawHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Fuzzes every form's create and change endpoints with generated payloads (wrong types, huge and
 * tiny numbers, long and odd Unicode, nulls, nested junk, unknown fields, broken sub-table rows,
 * broken JSON, wrong content types, oversized bodies), from a fixed seed so a failure repeats.
 * For each case: no 5xx, a 4xx is problem+json, and the form's tables change only by a whole
 * record (a 201 adds one row and exactly its sub-table rows; anything else adds nothing, and a
 * refused change leaves the stored record as it was).
 *
 * <p>Run again with {@code -Dformation.fuzz.seed=...} (printed on failure) and
 * {@code -Dformation.fuzz.cases=...} (per form).
 *
 * <p>Some junk is about value rules another part of the engine owns (decimal bounds, text length
 * in code points, year 0000, lone surrogates and NUL, whitespace-only required text, e-mail
 * format): such cases are tagged {@code [values]} in the failure report.
 */
class FormFuzzIT extends AppTestBase {

    private static final long SEED = Long.getLong("formation.fuzz.seed", 20_240_917L);
    private static final int CASES_PER_FORM = Integer.getInteger("formation.fuzz.cases", 400);

    /** A junk value and whether its rule belongs to the record value rules ({@code values}) rather than input reading. */
    private record Junk(String name, Object value, boolean valueRule) {
    }

    /** One generated request. */
    private record Case(int index, String form, String method, String path, String contentType, byte[] body,
                        String description, boolean valueRule) {
        String show() {
            String text = new String(body, StandardCharsets.UTF_8);
            int cut = text.codePointCount(0, text.length()) > 300 ? text.offsetByCodePoints(0, 300) : text.length();
            return "#" + index + " " + (valueRule ? "[values] " : "") + method + " " + path + " (" + contentType + ") "
                    + description + " body=" + (cut < text.length() ? text.substring(0, cut) + "…(" + body.length
                    + " bytes)" : text);
        }
    }

    private RawHttp raw;
    private String token;
    private Random random;
    private final Map<String, List<Long>> ids = new LinkedHashMap<>();
    private List<String> departments;
    /** One connection for the thousands of row counts (a new one per count is slow on MariaDB). */
    private Connection connection;

    @BeforeAll
    void prepare() throws SQLException {
        connection = db.connect();
        connection.setAutoCommit(true);
        raw = new RawHttp(app.baseUrl());
        token = api.login("admin", Api.PASSWORD);
        random = new Random(SEED);
        for (Form form : forms()) {
            List<Long> found = new ArrayList<>();
            api.as("admin").get("/api/forms/" + form.key() + "/records?size=20").expect(200).json().get("items")
                    .forEach(item -> found.add(item.get("id").asLong()));
            ids.put(form.key(), found);
        }
        departments = new ArrayList<>();
        api.as("admin").get("/api/departments").expect(200).json().forEach(d -> departments.add(d.path("key").asText()));
    }

    @AfterAll
    void closeConnection() throws SQLException {
        if (connection != null) {
            connection.close();
        }
    }

    private List<Form> forms() {
        return app.context().getBean(MetadataHolder.class).current().get(FormCatalog.class).forms().stream()
                .sorted(Comparator.comparing(Form::key)).toList();
    }

    @Test
    void noPayloadCausesA5xxOrAPartialWrite() {
        List<String> failures = new ArrayList<>();
        int cases = 0;
        long started = System.nanoTime();
        try (LogCapture log = new LogCapture()) {
            for (Form form : forms()) {
                Long target = patchTarget(form);
                for (int i = 0; i < CASES_PER_FORM; i++) {
                    Case c = next(form, cases++, target);
                    String problem = run(form, c, target);
                    if (problem != null) {
                        failures.add(c.show() + "\n      -> " + problem);
                    }
                }
            }
            for (Case c : bodyCases(cases)) {
                cases++;
                Form form = forms().stream().filter(f -> f.key().equals(c.form())).findFirst().orElseThrow();
                String problem = run(form, c, null);
                if (problem != null) {
                    failures.add(c.show() + "\n      -> " + problem);
                }
            }
            List<String> logged = log.errorsAndStackTraces();
            if (!failures.isEmpty() || !logged.isEmpty()) {
                long valueRules = failures.stream().filter(f -> f.contains("[values]")).count();
                String report = "fuzz seed " + SEED + " (-Dformation.fuzz.seed=" + SEED + "): " + failures.size() + " of " + cases
                        + " cases failed (" + valueRules + " of them tagged [values]: value rules of the record layer)\n  "
                        + String.join("\n  ", failures.subList(0, Math.min(60, failures.size())))
                        + (logged.isEmpty() ? "" : "\n  logged errors (" + logged.size() + "):\n    "
                        + String.join("\n    ", logged.subList(0, Math.min(20, logged.size()))));
                System.out.println(report);
                fail(report);
            }
        }
        System.out.printf("fuzz seed %d: %d cases in %.1f s, no failure%n", SEED, cases,
                (System.nanoTime() - started) / 1e9);
    }

    // ---- running one case and checking the database ----

    private String run(Form form, Case c, Long target) {
        Map<String, Long> before = counts(form);
        String storedBefore = target == null ? null : stored(form, target);
        Api.Response r;
        try {
            r = raw.send(c.method(), c.path(), token, c.contentType(), c.body());
        } catch (java.io.UncheckedIOException e) {
            return "no answer: " + e.getCause();
        }
        Map<String, Long> after = counts(form);
        if (r.status() >= 500) {
            return r.status() + " " + cut(r.body());
        }
        if (r.status() >= 400 && !r.contentType().startsWith("application/problem+json")) {
            return r.status() + " is not problem+json: " + r.contentType() + " " + cut(r.body());
        }
        Map<String, Long> expected = new LinkedHashMap<>(before);
        if (r.status() == 201) {
            JsonNode created = r.json();
            expected.merge(SqlNames.table(form), 1L, Long::sum);
            for (Field table : form.tableFields()) {
                expected.merge(SqlNames.childTable(form, table), (long) created.path(table.key()).size(), Long::sum);
            }
            JsonNode reread = api.as("admin").get("/api/forms/" + form.key() + "/records/" + created.get("id").asLong())
                    .json();
            for (Field table : form.tableFields()) {
                if (reread.path(table.key()).size() != created.path(table.key()).size()) {
                    return "201 but " + table.key() + " rows read back " + reread.path(table.key()).size() + " of "
                            + created.path(table.key()).size();
                }
            }
        }
        if (c.method().equals("PATCH")) {
            if (r.status() == 200) {
                return null; // a change that was accepted: rows may be replaced, counts are its business
            }
            String storedAfter = stored(form, target);
            if (!storedAfter.equals(storedBefore)) {
                return r.status() + " but the record changed: " + cut(storedAfter);
            }
        }
        if (!after.equals(expected)) {
            return r.status() + " but the tables went from " + before + " to " + after + " (expected " + expected + ")";
        }
        return null;
    }

    private Map<String, Long> counts(Form form) {
        Map<String, Long> out = new LinkedHashMap<>();
        out.put(SqlNames.table(form), rows(SqlNames.table(form)));
        for (Field table : form.tableFields()) {
            String name = SqlNames.childTable(form, table);
            out.put(name, rows(name));
        }
        return out;
    }

    private long rows(String table) {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + SqlNames.q(table))) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(table + ": " + e.getMessage(), e);
        }
    }

    private String stored(Form form, long id) {
        return api.as("admin").get("/api/forms/" + form.key() + "/records/" + id).body();
    }

    private static String cut(String text) {
        return text.codePointCount(0, text.length()) > 300 ? text.substring(0, text.offsetByCodePoints(0, 300)) + "…" : text;
    }

    /** A record of the form to fuzz changes on: a fresh valid one when the base payload is accepted. */
    private Long patchTarget(Form form) {
        for (int attempt = 0; attempt < 5; attempt++) {
            Api.Response r = raw.send("POST", records(form), token, "application/json",
                    JsonText.write(base(form)).getBytes(StandardCharsets.UTF_8));
            if (r.status() == 201) {
                return r.json().get("id").asLong();
            }
        }
        return null;
    }

    // ---- generating cases ----

    private Case next(Form form, int index, Long target) {
        boolean patch = target != null && random.nextInt(4) == 0;
        Map<String, Object> body = base(form);
        List<String> what = new ArrayList<>();
        boolean valueRule = false;
        if (patch) {
            body.keySet().removeIf(k -> random.nextInt(3) > 0);
            body.put("version", current(form, target));
        }
        int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations; m++) {
            valueRule |= mutate(form, body, what);
        }
        String text = JsonText.write(body);
        String type = "application/json";
        int whole = random.nextInt(40);
        if (whole == 0) {
            text = text.substring(0, random.nextInt(Math.max(1, text.length())));
            what.add("truncated");
        } else if (whole == 1) {
            type = pick(List.of("text/plain", "application/x-www-form-urlencoded", "application/json; charset=latin1",
                    "multipart/form-data; boundary=x", "application/xml"));
            what.add("content type " + type);
        } else if (whole == 2) {
            text = "[" + text + "]";
            what.add("array of the record");
        }
        String path = patch ? records(form) + "/" + target : records(form);
        return new Case(index, form.key(), patch ? "PATCH" : "POST", path, type, text.getBytes(StandardCharsets.UTF_8),
                String.join("; ", what), valueRule);
    }

    private Object current(Form form, long id) {
        return api.as("admin").get("/api/forms/" + form.key() + "/records/" + id).json().get("version").asLong();
    }

    /** Applies one mutation; true when it is about a value rule of the record layer. */
    private boolean mutate(Form form, Map<String, Object> body, List<String> what) {
        List<Field> writable = form.fields().stream().filter(f -> !f.isSystemSet()).toList();
        Field field = writable.get(random.nextInt(writable.size()));
        switch (random.nextInt(10)) {
            case 0 -> {
                body.remove(field.key());
                what.add("without " + field.key());
                return false;
            }
            case 1 -> {
                String key = pick(List.of("no_such_field", "__proto__", "constructor", "id", "code", "created_at",
                        "owner", "status", "version", "字段", "a".repeat(300)));
                Junk junk = junk(field);
                body.put(key, junk.value());
                what.add("extra key " + cut(key) + " = " + junk.name());
                return false;
            }
            case 2, 3 -> {
                if (field.isTable()) {
                    return mutateRows(field, body, what);
                }
                Junk junk = junkFor(field);
                body.put(field.key(), junk.value());
                what.add(field.key() + " (" + field.type().metadataName() + ") = " + junk.name());
                return isValueRule(field, junk);
            }
            default -> {
                Junk junk = junk(field);
                body.put(field.key(), junk.value());
                what.add(field.key() + " (" + field.type().metadataName() + ") = " + junk.name());
                return isValueRule(field, junk);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private boolean mutateRows(Field table, Map<String, Object> body, List<String> what) {
        List<Object> rows = body.get(table.key()) instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>();
        body.put(table.key(), rows);
        switch (random.nextInt(7)) {
            case 0 -> {
                rows.add(pick(List.of("row", 42, true, List.of(), List.of(List.of()))));
                what.add(table.key() + ": a row that is not an object");
            }
            case 1 -> {
                rows.add(null);
                what.add(table.key() + ": a null row");
            }
            case 2 -> {
                Map<String, Object> row = row(table);
                row.put(pick(List.of("no_such", "record_id", "position", "id")), junk(table).value());
                rows.add(row);
                what.add(table.key() + ": a row with a platform or unknown key");
            }
            case 3 -> {
                int n = pick(List.of(0, 101, 500));
                rows.clear();
                for (int i = 0; i < n; i++) {
                    rows.add(row(table));
                }
                what.add(table.key() + ": " + n + " rows");
            }
            case 4 -> {
                Map<String, Object> row = row(table);
                row.put("id", pick(List.of(1, -1, 0, new Literal("18446744073709551617"), "1", 1.5)));
                rows.add(row);
                what.add(table.key() + ": a row claiming an id");
            }
            default -> {
                Map<String, Object> row = rows.isEmpty() ? row(table) : (Map<String, Object>) rows.get(0);
                Field child = table.children().get(random.nextInt(table.children().size()));
                Junk junk = random.nextBoolean() ? junkFor(child) : junk(child);
                row.put(child.key(), junk.value());
                if (rows.isEmpty()) {
                    rows.add(row);
                }
                what.add(table.key() + "[0]." + child.key() + " (" + child.type().metadataName() + ") = " + junk.name());
                return isValueRule(child, junk);
            }
        }
        return false;
    }

    /** Whether the value rules of the record layer judge this junk here: its own tag, or any number in a decimal field (bounds). */
    private static boolean isValueRule(Field field, Junk junk) {
        boolean number = junk.value() instanceof Number || junk.value() instanceof Literal;
        return junk.valueRule() || number && field.valueType().isNumeric() && field.valueType() != FieldType.INTEGER;
    }

    /** Junk of any kind, whatever the field. */
    private Junk junk(Field field) {
        List<Junk> all = junkValues();
        return all.get(random.nextInt(all.size()));
    }

    /** Junk aimed at the field's type: values near its limits or just past them. */
    private Junk junkFor(Field field) {
        FieldType type = field.valueType();
        List<Junk> aimed = new ArrayList<>();
        switch (type) {
            case INTEGER, REFERENCE -> {
                aimed.add(new Junk("2^63", new Literal("9223372036854775808"), false));
                aimed.add(new Junk("2^64-1", new Literal("18446744073709551615"), false));
                aimed.add(new Junk("-2^63-1", new Literal("-9223372036854775809"), false));
                aimed.add(new Junk("1e30", new Literal("1e30"), false));
                aimed.add(new Junk("1.5", new BigDecimal("1.5"), false));
                aimed.add(new Junk("-1", -1, false));
                aimed.add(new Junk("max+1", field.max() == null ? 1 : field.max().add(BigDecimal.ONE), false));
            }
            case NUMBER, MONEY, PERCENT -> {
                aimed.add(new Junk("1e30", new Literal("1e30"), true));
                aimed.add(new Junk("-1e30", new Literal("-1e30"), true));
                aimed.add(new Junk("10^17 money", new Literal("100000000000000000"), true));
                aimed.add(new Junk("1e-30", new Literal("1e-30"), false));
                aimed.add(new Junk("1e999999999", new Literal("1e999999999"), true));
                aimed.add(new Junk("many digits", new Literal("1." + "1".repeat(300)), false));
            }
            case DATE, DATETIME -> {
                aimed.add(new Junk("year 0000", type == FieldType.DATE ? "0000-01-01" : "0000-01-01 10:00", true));
                aimed.add(new Junk("year 9999", type == FieldType.DATE ? "9999-12-31" : "9999-12-31 23:59", false));
                aimed.add(new Junk("Feb 30", type == FieldType.DATE ? "2024-02-30" : "2024-02-30 10:00", false));
                aimed.add(new Junk("hour 24", "2024-01-01 24:00", false));
                aimed.add(new Junk("a date-time in a date", "2024-01-01T10:00:00Z", false));
            }
            case TEXT, TEXTAREA, PHONE, MOBILE, EMAIL, URL, REGION, USER, DEPARTMENT, SELECT -> {
                int max = field.maxLength() == null ? 2000 : field.maxLength();
                aimed.add(new Junk("max length in emoji", "😀".repeat(Math.min(max, 20_000)), true));
                aimed.add(new Junk("max length + 1", "长".repeat(Math.min(max + 1, 70_000)), false));
                aimed.add(new Junk("max length in CJK", "长".repeat(Math.min(max, 70_000)), false));
                aimed.add(new Junk("whitespace only", " \t\u3000 ", true));
                aimed.add(new Junk("NUL", "a\u0000b", true));
                aimed.add(new Junk("lone surrogate", "a\ud800b", true));
                aimed.add(new Junk("bad e-mail", "a@b", true));
            }
            default -> aimed.addAll(junkValues());
        }
        return aimed.get(random.nextInt(aimed.size()));
    }

    private static List<Junk> junkValues() {
        List<Junk> out = new ArrayList<>();
        out.add(new Junk("null", null, false));
        out.add(new Junk("true", true, false));
        out.add(new Junk("0", 0, false));
        out.add(new Junk("-0.0", new Literal("-0.0"), false));
        out.add(new Junk("1e308", new Literal("1e308"), true));
        out.add(new Junk("4.9e-324", new Literal("4.9e-324"), false));
        out.add(new Junk("2^64", new Literal("18446744073709551616"), false));
        out.add(new Junk("empty", "", false));
        out.add(new Junk("text", "abc", false));
        out.add(new Junk("digits", "123", false));
        out.add(new Junk("markup", "<script>alert(1)</script>", false));
        out.add(new Junk("sql", "' OR 1=1 --", false));
        out.add(new Junk("template", "${7*7}<#assign x=1>", false));
        out.add(new Junk("rtl and zero-width", "\u202Eabc\u200B\u200D\uFEFF", false));
        out.add(new Junk("combining marks", "e" + "\u0301".repeat(50), false));
        out.add(new Junk("U+FFFF", "\uFFFF", false));
        out.add(new Junk("10k chars", "字".repeat(10_000), false));
        out.add(new Junk("empty list", List.of(), false));
        out.add(new Junk("list", List.of(1, "two", List.of()), false));
        out.add(new Junk("list of null", java.util.Arrays.asList((Object) null), false));
        out.add(new Junk("object", Map.of(), false));
        out.add(new Junk("nested object", Map.of("a", Map.of("b", List.of(1, Map.of("c", "d")))), false));
        out.add(new Junk("deep nesting", deep(200), false));
        return out;
    }

    private static Object deep(int levels) {
        Object value = "bottom";
        for (int i = 0; i < levels; i++) {
            value = i % 2 == 0 ? List.of(value) : Map.of("k", value);
        }
        return value;
    }

    /** Whole-body cases, a few per form: JSON that is broken as a whole, or too big. */
    private List<Case> bodyCases(int first) {
        List<Case> out = new ArrayList<>();
        int i = first;
        for (Form form : forms()) {
            String valid = JsonText.write(base(form));
            Map<String, byte[]> bodies = new LinkedHashMap<>();
            bodies.put("empty", new byte[0]);
            bodies.put("deeper than the parser allows", nested(5000).getBytes(StandardCharsets.UTF_8));
            bodies.put("duplicate key", ("{\"a\":1," + valid.substring(1) + ",\"a\":2}").getBytes(StandardCharsets.UTF_8));
            bodies.put("trailing garbage", (valid + "xyz").getBytes(StandardCharsets.UTF_8));
            bodies.put("invalid UTF-8", (valid.substring(0, valid.length() - 1) + ",\"x\":\"\u00e9\"}")
                    .getBytes(StandardCharsets.ISO_8859_1));
            for (Map.Entry<String, byte[]> e : bodies.entrySet()) {
                out.add(new Case(i++, form.key(), "POST", records(form), "application/json", e.getValue(), e.getKey(),
                        false));
            }
        }
        Form any = forms().get(0);
        byte[] huge = ("{\"x\":\"" + "a".repeat(26 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        out.add(new Case(i++, any.key(), "POST", records(any), "application/json", huge, "over the 25MB limit", false));
        return out;
    }

    private static String nested(int levels) {
        return "{\"a\":".repeat(levels) + "1" + "}".repeat(levels);
    }

    private static String records(Form form) {
        return "/api/forms/" + form.key() + "/records";
    }

    // ---- plausible values, the starting point of each case ----

    private Map<String, Object> base(Form form) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Field field : form.fields()) {
            if (field.isSystemSet()) {
                continue;
            }
            Object value = plausible(field);
            if (value != null) {
                out.put(field.key(), value);
            }
        }
        return out;
    }

    private Map<String, Object> row(Field table) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (Field child : table.children()) {
            if (!child.isSystemSet()) {
                Object value = plausible(child);
                if (value != null) {
                    row.put(child.key(), value);
                }
            }
        }
        return row;
    }

    private Object plausible(Field field) {
        int n = random.nextInt(1000);
        return switch (field.valueType()) {
            case TEXT, TEXTAREA -> "uscc".equals(field.format()) ? Customers.uscc()
                    : cutTo(field, "模糊测试" + field.key() + n);
            case NUMBER, MONEY, PERCENT -> within(field, new BigDecimal(n).movePointLeft(Math.min(2, field.scale())));
            case INTEGER -> within(field, BigDecimal.valueOf(n % 100)).toBigInteger();
            case DATE -> "2024-0" + (1 + n % 9) + "-1" + (n % 9);
            case DATETIME -> "2024-0" + (1 + n % 9) + "-1" + (n % 9) + " 10:" + (10 + n % 50);
            case BOOLEAN -> n % 2 == 0;
            case SELECT -> field.options().isEmpty() ? null : field.options().get(n % field.options().size()).key();
            case MULTISELECT -> field.options().isEmpty() ? null : List.of(field.options().get(0).key());
            case USER -> pick(List.of("sales1", "sales2", "admin"));
            case DEPARTMENT -> departments.isEmpty() ? null : departments.get(n % departments.size());
            case REFERENCE -> {
                List<Long> known = ids.getOrDefault(field.referenceForm(), List.of());
                yield known.isEmpty() ? null : known.get(n % known.size());
            }
            case TABLE -> {
                List<Object> rows = new ArrayList<>();
                int count = Math.max(field.minItems() == null ? 1 : field.minItems(), 1 + n % 2);
                for (int i = 0; i < count; i++) {
                    rows.add(row(field));
                }
                yield rows;
            }
            case PHONE -> "0591-8765" + (1000 + n);
            case MOBILE -> Customers.mobile(n);
            case EMAIL -> "fuzz" + n + "@example.com";
            case URL -> "https://example.com/" + n;
            case REGION -> "福建省/福州市/鼓楼区";
            case ADDRESS -> {
                Map<String, Object> address = new LinkedHashMap<>();
                address.put("text", "福建省福州市鼓楼区五四路" + n + "号");
                address.put("lng", new BigDecimal("119.296494"));
                address.put("lat", new BigDecimal("26.074508"));
                yield address;
            }
            default -> null;
        };
    }

    private static String cutTo(Field field, String text) {
        int max = field.maxLength() == null ? 2000 : field.maxLength();
        return text.length() > max ? text.substring(0, max) : text;
    }

    private static BigDecimal within(Field field, BigDecimal value) {
        BigDecimal v = value;
        if (field.max() != null && v.compareTo(field.max()) > 0) {
            v = field.max();
        }
        if (field.min() != null && v.compareTo(field.min()) < 0) {
            v = field.min();
        }
        return v;
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
