package dev.formation.it;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.formation.testing.Api.Response;
import dev.formation.testing.AppTestBase;
import dev.formation.testing.Customers;
import dev.formation.testing.SchemaCheck;
import dev.formation.testing.SchemaCheck.Verdict;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.MediaType;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The JSON Schema served for each form is a contract: an independent validator (ajv, draft
 * 2020-12, strict mode) must reach the server's verdict on every record the schema can judge.
 * For every shipped form this builds a corpus from an accepted record: each input field set to
 * boundary values of every constraint its schema states (lengths in characters, bounds, decimal
 * places, patterns, options, row counts, types, null, absence) and to characters text may not
 * hold; asks ajv; creates each as admin; and compares 201/400 (and, for a 400, the field).
 *
 * <p>What the schema cannot say is kept out of the corpus or named: values that need the
 * database (unique, references, users, files) stay valid; credit codes get a correct check
 * character; date-times stay in the calendar; the server's trimming is not probed. A 400 that
 * ajv did not predict passes only when every error is on a field whose rule the API docs list
 * as beyond the schema: a form rule's field, a computed field, a field with requiredWhen.
 */
class SchemaAgreementIT extends AppTestBase {

    private static final Object ABSENT = new Object();
    private static final String ASTRAL = "\uD842\uDFB7";
    private static final Set<String> STANDARD_FORMATS = Set.of("date", "email");

    private final AtomicInteger seq = new AtomicInteger();

    @TestFactory
    Stream<DynamicTest> everyShippedFormsSchemaAgreesWithTheServer() {
        List<String> forms = new ArrayList<>();
        api.as("admin").get("/api/forms").expect(200).json().forEach(f -> forms.add(f.get("key").asText()));
        assertTrue(forms.size() >= 8, "the shipped forms: " + forms);
        return forms.stream().map(form -> DynamicTest.dynamicTest(form, () -> agree(form)));
    }

    /** One payload of the corpus and what it probes. */
    private record Probe(String what, Map<String, Object> payload) {
    }

    /** What the test knows of a form: its schema, its definition and an accepted record. */
    private final class FormUnderTest {
        final String key;
        final JsonNode schema;
        final Map<String, JsonNode> fields = new LinkedHashMap<>();
        final Set<String> beyondSchema = new HashSet<>();
        /** The form compares a record with the others' ranges: an accepted probe must not stand in the next one's way. */
        boolean comparesRanges;
        Map<String, Object> base;

        FormUnderTest(String key) {
            this.key = key;
            this.schema = api.as("admin").get("/api/forms/" + key + "/schema").expect(200).json();
            JsonNode definition = api.as("admin").get("/api/forms/" + key).expect(200).json();
            for (JsonNode f : definition.get("fields")) {
                fields.put(f.get("key").asText(), f);
                classify(f, f.get("key").asText());
                if (f.has("fields")) {
                    for (JsonNode child : f.get("fields")) {
                        fields.put(f.get("key").asText() + "[]." + child.get("key").asText(), child);
                        classify(child, f.get("key").asText() + "[]." + child.get("key").asText());
                    }
                }
            }
            definition.path("rules").forEach(r -> beyondSchema.add(r.get("field").asText()));
            comparesRanges = !definition.path("noOverlap").isEmpty();
        }

        private void classify(JsonNode field, String path) {
            if (field.has("expression") || field.has("requiredWhen")) {
                beyondSchema.add(path);
            }
        }

        String path() {
            return "/api/forms/" + key + "/records";
        }

        JsonNode property(String path) {
            String[] parts = path.split("\\[\\]\\.");
            JsonNode p = schema.get("properties").get(parts[0]);
            return parts.length == 1 ? p : p.get("items").get("properties").get(parts[1]);
        }
    }

    private void agree(String formKey) {
        FormUnderTest form = new FormUnderTest(formKey);
        form.base = acceptedRecord(form);
        List<Probe> corpus = corpus(form);
        List<String> formats = customFormats(form.schema);
        List<Verdict> verdicts = SchemaCheck.verdicts(form.schema, formats,
                corpus.stream().map(Probe::payload).toList());

        List<String> disagreements = new ArrayList<>();
        int valid = 0;
        int invalid = 0;
        int explained = 0;
        for (int i = 0; i < corpus.size(); i++) {
            Probe probe = corpus.get(i);
            Verdict ajv = verdicts.get(i);
            Response r = post(form, probe.payload());
            if (r.status() != 201 && r.status() != 400) {
                disagreements.add(probe.what() + ": server answered " + r.status() + " " + r.body());
                continue;
            }
            if (r.status() == 201 && form.comparesRanges) {
                forget(form, r);
            }
            List<String> serverFields = r.status() == 400 ? CustomerCreateIT.errorFields(r) : List.of();
            if (ajv.valid()) {
                valid++;
                if (r.status() == 400) {
                    if (serverFields.stream().allMatch(f -> form.beyondSchema.contains(withoutIndexes(f)))) {
                        explained++;
                    } else {
                        disagreements.add(probe.what() + ": ajv valid, server 400 " + r.body());
                    }
                }
            } else {
                invalid++;
                if (r.status() == 201) {
                    disagreements.add(probe.what() + ": ajv invalid at " + ajv.paths() + ", server 201");
                } else if (serverFields.stream().noneMatch(f -> ajv.paths().contains(f))) {
                    disagreements.add(probe.what() + ": ajv invalid at " + ajv.paths() + ", server at " + serverFields);
                }
            }
        }
        if (!disagreements.isEmpty()) {
            fail(formKey + ": " + disagreements.size() + " of " + corpus.size() + " verdicts differ:\n  "
                    + String.join("\n  ", disagreements.subList(0, Math.min(40, disagreements.size()))));
        }
        assertTrue(valid >= 10 && invalid >= 30, formKey + ": a corpus with both verdicts, valid " + valid
                + ", invalid " + invalid);
        assertTrue(explained * 10 <= valid, formKey + ": most valid records are accepted outright, but " + explained
                + " of " + valid + " were refused for rules beyond the schema");
    }

    /** Each probe stands alone: a created record is deleted, out of the live records an overlap is checked on. */
    private void forget(FormUnderTest form, Response created) {
        api.as("admin").delete(form.path() + "/" + created.json().get("id").asLong() + "?version="
                + created.json().get("version").asLong()).expect(204);
    }

    private Response post(FormUnderTest form, Map<String, Object> payload) {
        try {
            return api.as("admin").english().send(HttpMethod.POST, form.path(), MediaType.APPLICATION_JSON_TYPE,
                    SchemaCheck.ASCII_JSON.writeValueAsString(payload));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String withoutIndexes(String path) {
        return path.replaceAll("\\[\\d+]", "[]");
    }

    private static List<String> customFormats(JsonNode schema) {
        Set<String> out = new TreeSet<>();
        collectFormats(schema, out);
        out.removeAll(STANDARD_FORMATS);
        return List.copyOf(out);
    }

    private static void collectFormats(JsonNode node, Set<String> out) {
        if (node.isObject() && node.has("format") && node.get("format").isTextual()) {
            out.add(node.get("format").asText());
        }
        node.forEach(child -> collectFormats(child, out));
    }

    // ---- the accepted record every probe starts from ----

    /**
     * A demo record turned into input the server accepts: read-only, platform and file fields
     * left out, numbers set to small values (so that probing one input at its maximum does not
     * overflow a computed product), unique values fresh.
     */
    private Map<String, Object> acceptedRecord(FormUnderTest form) {
        JsonNode items = api.as("admin").get(form.path() + "?size=50").expect(200).json().get("items");
        List<String> refusals = new ArrayList<>();
        for (JsonNode item : items) {
            JsonNode record = api.as("admin").get(form.path() + "/" + item.get("id").asLong()).expect(200).json();
            Map<String, Object> input = input(form, record);
            Response r = post(form, freshen(form, input, null));
            if (r.status() == 201) {
                if (form.comparesRanges) {
                    forget(form, r);
                }
                return input;
            }
            refusals.add(r.body());
        }
        throw new AssertionError(form.key + ": no demo record could be entered again: " + refusals);
    }

    private Map<String, Object> input(FormUnderTest form, JsonNode record) {
        Map<String, Object> input = new LinkedHashMap<>();
        record.fields().forEachRemaining(e -> {
            JsonNode field = form.fields.get(e.getKey());
            if (field == null || e.getValue().isNull() || isSkipped(form.property(e.getKey()), field)) {
                return;
            }
            if (field.has("fields")) {
                List<Object> rows = new ArrayList<>();
                for (JsonNode row : e.getValue()) {
                    Map<String, Object> clean = new LinkedHashMap<>();
                    row.fields().forEachRemaining(c -> {
                        JsonNode child = form.fields.get(e.getKey() + "[]." + c.getKey());
                        if (child != null && !c.getValue().isNull()
                                && !isSkipped(form.property(e.getKey() + "[]." + c.getKey()), child)) {
                            clean.put(c.getKey(), tame(child, value(c.getValue())));
                        }
                    });
                    rows.add(clean);
                }
                input.put(e.getKey(), rows);
            } else {
                input.put(e.getKey(), tame(field, value(e.getValue())));
            }
        });
        return input;
    }

    /** Fields the corpus does not send: read-only ones, files (ids must exist) and the owner (a transfer). */
    private static boolean isSkipped(JsonNode property, JsonNode field) {
        String type = field.get("type").asText();
        return property == null || property.path("readOnly").asBoolean() || type.equals("attachment")
                || type.equals("image") || field.get("key").asText().equals("owner");
    }

    private static Object value(JsonNode node) {
        try {
            return SchemaCheck.ASCII_JSON.convertValue(node, new TypeReference<Object>() { });
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A number becomes 1, or the nearest value the field allows. */
    private static Object tame(JsonNode field, Object value) {
        if (!(value instanceof Number) || !Set.of("number", "money", "percent", "integer")
                .contains(field.get("type").asText())) {
            return value;
        }
        BigDecimal one = BigDecimal.ONE;
        if (field.has("min") && one.compareTo(field.get("min").decimalValue()) < 0) {
            return field.get("min").decimalValue();
        }
        if (field.has("max") && one.compareTo(field.get("max").decimalValue()) > 0) {
            return field.get("max").decimalValue();
        }
        return one;
    }

    /** A deep copy with fresh values in unique fields other than the probed one. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> freshen(FormUnderTest form, Map<String, Object> payload, String probed) {
        Map<String, Object> copy = (Map<String, Object>) deepCopy(payload);
        for (JsonNode field : form.fields.values()) {
            String key = field.get("key").asText();
            if (field.path("unique").asBoolean() && form.fields.get(key) == field && !key.equals(probed)
                    && copy.containsKey(key)) {
                copy.put(key, fresh(field));
            }
        }
        return copy;
    }

    private String fresh(JsonNode field) {
        if ("uscc".equals(field.path("format").asText())) {
            return Customers.uscc();
        }
        return "U" + Long.toString(System.nanoTime(), 36) + seq.incrementAndGet();
    }

    @SuppressWarnings("unchecked")
    private static Object deepCopy(Object value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<String, Object>) m).forEach((k, v) -> out.put(k, deepCopy(v)));
            return out;
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(v -> out.add(deepCopy(v)));
            return out;
        }
        return value;
    }

    // ---- the corpus ----

    private List<Probe> corpus(FormUnderTest form) {
        List<Probe> out = new ArrayList<>();
        out.add(new Probe("the accepted record", freshen(form, form.base, null)));
        Map<String, Object> unknown = freshen(form, form.base, null);
        unknown.put("no_such_field", "x");
        out.add(new Probe("an unknown field", unknown));
        for (Map.Entry<String, JsonNode> e : form.fields.entrySet()) {
            String path = e.getKey();
            JsonNode field = e.getValue();
            JsonNode property = form.property(path);
            if (isSkipped(property, field)) {
                continue;
            }
            boolean inRow = path.contains("[]");
            if (inRow && !(form.base.get(path.split("\\[\\]\\.")[0]) instanceof List<?> rows && !rows.isEmpty())) {
                continue;
            }
            for (Map.Entry<String, Object> value : values(form, path, field, property).entrySet()) {
                out.add(new Probe(path + " = " + describe(value.getValue()), with(form, path, value.getValue())));
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> with(FormUnderTest form, String path, Object value) {
        String[] parts = path.split("\\[\\]\\.");
        Map<String, Object> payload = freshen(form, form.base, parts[0]);
        Map<String, Object> target = payload;
        String key = parts[0];
        if (parts.length == 2) {
            target = (Map<String, Object>) ((List<Object>) payload.get(parts[0])).get(0);
            key = parts[1];
        }
        if (value == ABSENT) {
            target.remove(key);
        } else {
            target.put(key, value);
        }
        return payload;
    }

    private static String describe(Object value) {
        if (value == ABSENT) {
            return "(absent)";
        }
        String text;
        try {
            text = SchemaCheck.ASCII_JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            text = String.valueOf(value);
        }
        return text.length() > 80 ? text.substring(0, 60) + "… (" + text.length() + " chars)" : text;
    }

    /** Probe values by the field's type, labelled for messages; insertion order is kept. */
    private Map<String, Object> values(FormUnderTest form, String path, JsonNode field, JsonNode property) {
        Map<String, Object> v = new LinkedHashMap<>();
        List<Object> list = new ArrayList<>();
        list.add(ABSENT);
        list.add(null);
        String type = field.get("type").asText();
        switch (type) {
            case "text", "textarea" -> list.addAll(text(form, path, field, property));
            case "user", "department" -> {
                Object base = baseValue(form, path);
                list.addAll(List.of("", "   ", "a".repeat(64) + "b", "sa\u0000les", 123, true));
                if (base != null) {
                    list.add(base);
                } else if (type.equals("user")) {
                    list.add("admin");
                }
            }
            case "number", "money", "percent", "integer" -> list.addAll(numbers(property, type.equals("integer")));
            case "reference" -> {
                list.addAll(List.of(0, -1, new BigDecimal("1.5"), "1", new BigDecimal("9007199254740992"), true));
                list.add(baseValue(form, path));
            }
            case "date" -> list.addAll(List.of("1000-01-01", "9999-12-31", "0999-12-31", "0000-01-01", "2024-02-29",
                    "2023-02-29", "2023-04-31", "2023-13-01", "2023-1-1", "20230101", "2023-01-01T10:00", 20230101));
            case "datetime" -> list.addAll(List.of("2026-01-01T00:00", "2026-01-01 23:59:59", "1000-01-01T00:00:00",
                    "9999-12-31T23:59:59", "2026-01-01T24:00", "2026-01-01T25:00", "2026-01-01T10:60",
                    "0000-01-01T10:00", "2026-01-01", "2026-01-01T10:00:00Z", 1));
            case "boolean" -> list.addAll(List.of(true, false, "true", 0));
            case "select" -> {
                property.get("enum").forEach(o -> {
                    if (!o.isNull()) {
                        list.add(o.asText());
                    }
                });
                list.addAll(List.of("no_such_option", 1));
            }
            case "multiselect" -> {
                List<String> options = new ArrayList<>();
                property.get("items").get("enum").forEach(o -> options.add(o.asText()));
                list.addAll(List.of(List.of(), List.of(options.get(0)), List.of(options.get(0), options.get(0)),
                        List.of("no_such_option"), options.get(0)));
                if (options.size() > 1) {
                    list.add(List.of(options.get(0), options.get(1)));
                }
            }
            case "mobile" -> list.addAll(List.of("13800138000", "19912345678", "12800138000", "1380013800",
                    "138001380001", "+8613800138000", "1380013800a", 13800138000L));
            case "phone" -> list.addAll(List.of("0591-87654321", "+86 591 8765 4321", "(0591)87654321-123", "12",
                    "0591-8765432a", "0".repeat(40), 5918765));
            case "email" -> list.addAll(List.of("lin@example.com", "a.b+c@sub.example.com", "a..b@example.com",
                    "a@-example.com", "a@example", "林@example.com", "a".repeat(64) + "@example.com",
                    "a".repeat(65) + "@example.com", "a@" + "b".repeat(64) + ".com", "no-at-sign", 1));
            case "url" -> list.addAll(List.of("https://example.com/path?q=1#top", "example.com", "http://localhost",
                    "https://example.com/a b", "https://example.com/\u0000", "ftp://example.com", "https://e.com/"
                            + "a".repeat(490), "https://e.com/" + "a".repeat(486), 1));
            case "region" -> list.addAll(List.of("福建省", "福建省/福州市/鼓楼区", "北京市/东城区", "火星省", "福建省/",
                    "福建省/福州市/鼓楼区/五四路", "福建省/" + "长".repeat(30), "福建省/" + "长".repeat(31),
                    "福建省/福州\u0000市", "福建", 1));
            case "address" -> list.addAll(List.of(Map.of("text", "福州市鼓楼区五四路158号"),
                    Map.of("text", "福州市", "lng", new BigDecimal("119.3"), "lat", new BigDecimal("26.08")),
                    Map.of("text", "福州市", "lng", 181), Map.of("text", "福州市", "lat", -91),
                    Map.of("text", "长".repeat(500)), Map.of("text", "长".repeat(501)), Map.of("text", "福州\u0000市"),
                    Map.of("text", "福州市", "zip", "350000"), Map.of("lng", 119), "福州市", List.of()));
            case "table" -> list.addAll(rows(form, path, property));
            default -> {
                return v;
            }
        }
        if (!type.equals("table") && !type.equals("multiselect") && !type.equals("address")) {
            list.add(Map.of());
            list.add(List.of());
        }
        for (Object value : list) {
            v.putIfAbsent(describe(value), value);
        }
        return v;
    }

    private Object baseValue(FormUnderTest form, String path) {
        String[] parts = path.split("\\[\\]\\.");
        Object value = form.base.get(parts[0]);
        if (parts.length == 2 && value instanceof List<?> rows && !rows.isEmpty()) {
            return ((Map<?, ?>) rows.get(0)).get(parts[1]);
        }
        return parts.length == 1 ? value : null;
    }

    /** Lengths at every stated bound, in BMP and astral characters, and characters text may not hold. */
    private List<Object> text(FormUnderTest form, String path, JsonNode field, JsonNode property) {
        List<Object> out = new ArrayList<>();
        boolean unique = field.path("unique").asBoolean();
        if ("uscc".equals(field.path("format").asText())) {
            out.add(Customers.uscc());
            String lower = Customers.uscc();
            out.add(lower.substring(0, 8) + "m" + lower.substring(9));
            out.add(Customers.uscc().substring(0, 17));
            out.add(Customers.uscc() + "1");
            String withI = Customers.uscc();
            out.add(withI.substring(0, 10) + "I" + withI.substring(11));
            out.add(Customers.uscc().substring(0, 17) + "\u0000");
            out.add(123);
            return out;
        }
        if (field.has("pattern") || field.has("format")) {
            Object base = baseValue(form, path);
            out.addAll(List.of(base + "\u0000", 123, "   "));
            out.add(base);
            return out;
        }
        int min = property.path("minLength").asInt(0);
        int max = property.get("maxLength").asInt();
        String tag = unique ? Long.toString(System.nanoTime(), 36) : "";
        for (int n : new int[] {min - 1, min, max, max + 1}) {
            if (n < 0 || (n == 0 && min == 0 && out.contains(""))) {
                continue;
            }
            out.add(n == 0 ? "" : lengthOf(n, "长", tag));
            out.add(n == 0 ? "" : lengthOf(n, ASTRAL, tag));
        }
        out.add(lengthOf(Math.max(1, min), "é", tag));
        out.addAll(List.of("   ", "\u3000"));
        for (String s : List.of("a\u0000b", "a\tb", "a\nb", "a\r\nb", "a\uD800b", "\uDC00", "a\u0085b", "a\u007Fb",
                "a\u001Fb", "a\u2028b", "😀" + ASTRAL + "中")) {
            out.add(s + tag);
        }
        out.addAll(List.of(123, true));
        return out;
    }

    /** A string of exactly n characters (code points) that ends with the tag, to keep unique values fresh. */
    private static String lengthOf(int n, String unit, String tag) {
        if (tag.length() >= n) {
            return unit.repeat(n);
        }
        return unit.repeat(n - tag.length()) + tag;
    }

    private static List<Object> numbers(JsonNode property, boolean integer) {
        BigDecimal min = property.get("minimum").decimalValue();
        BigDecimal max = property.get("maximum").decimalValue();
        int places = integer ? 0 : property.get("x-decimalPlaces").asInt();
        BigDecimal step = BigDecimal.ONE.movePointLeft(places);
        List<Object> out = new ArrayList<>(List.of(min, max, min.subtract(step), max.add(step),
                new BigDecimal("1E+20"), new BigDecimal("-1E+20"), "1", true));
        BigDecimal oneMorePlace = BigDecimal.ONE.add(step.movePointLeft(1));
        out.add(oneMorePlace);
        out.add(BigDecimal.ONE.add(step));
        if (integer) {
            out.add(new BigDecimal("1.0"));
            out.add(new BigDecimal("1.5"));
            out.add(new BigDecimal("9007199254740992"));
        } else {
            out.add(new BigDecimal("0.07"));
            out.add(new BigDecimal("4.35"));
            out.add(new BigDecimal("1E-7"));
        }
        return out;
    }

    /** Row counts at the stated bounds, an empty row, a row with an unknown column. */
    @SuppressWarnings("unchecked")
    private List<Object> rows(FormUnderTest form, String path, JsonNode property) {
        List<Object> out = new ArrayList<>();
        List<Object> baseRows = (List<Object>) form.base.get(path);
        Map<String, Object> row = baseRows == null || baseRows.isEmpty() ? Map.of() : (Map<String, Object>) baseRows.get(0);
        out.add(List.of());
        out.add(List.of(Map.of()));
        Map<String, Object> unknown = new LinkedHashMap<>(row);
        unknown.put("no_such_column", "x");
        out.add(List.of(unknown));
        out.add("rows");
        out.add(List.of("row"));
        int minItems = property.path("minItems").asInt(0);
        for (int n : new int[] {minItems, minItems + 1, property.path("maxItems").asInt(-1),
                property.path("maxItems").asInt(-2) + 1}) {
            if (n > 0 && n <= 600 && !row.isEmpty()) {
                List<Object> rows = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    rows.add(new LinkedHashMap<>(row));
                }
                out.add(rows);
            }
        }
        return out;
    }

}
