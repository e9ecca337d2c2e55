package dev.formation.form;

import dev.formation.form.expression.CompiledExpression;
import dev.formation.form.expression.ExpressionException;
import dev.formation.form.expression.Expressions;
import dev.formation.form.expression.ValueType;
import dev.formation.metadata.MetadataDocument;
import dev.formation.metadata.MetadataException;
import dev.formation.metadata.MetadataSet;
import dev.formation.plugin.api.Message;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Turns validated metadata into the compiled model and checks what a meta-schema cannot:
 * that dictionaries, referenced forms, list columns and formats exist, that regular
 * expressions and expressions compile against the form's fields, and that keys are unique.
 */
public final class FormCompiler {

    private final MetadataSet metadata;
    private final Set<String> formats;

    /**
     * @param formats the field formats known to the engine (built-in and from plugins)
     */
    public FormCompiler(MetadataSet metadata, Set<String> formats) {
        this.metadata = metadata;
        this.formats = formats;
    }

    public FormCatalog compile() {
        List<Dictionary> dictionaries = metadata.all("dictionary").stream().map(this::dictionary).toList();
        Map<String, Dictionary> dictByKey = new LinkedHashMap<>();
        dictionaries.forEach(d -> dictByKey.put(d.key(), d));
        Set<String> formKeys = new HashSet<>();
        metadata.all("form").forEach(d -> formKeys.add(d.key()));
        List<MetadataDocument> docs = List.copyOf(metadata.all("form"));
        List<Form> forms = docs.stream().map(doc -> new FormBuilder(doc, dictByKey, formKeys).build()).toList();
        Map<String, Form> byKey = new LinkedHashMap<>();
        forms.forEach(f -> byKey.put(f.key(), f));
        for (int i = 0; i < forms.size(); i++) {
            checkAgreements(docs.get(i), forms.get(i), byKey);
            checkLookups(docs.get(i), forms.get(i));
            PrintCompiler.check(docs.get(i), forms.get(i), byKey);
            RollupCheck.check(docs.get(i), forms.get(i), byKey);
            CrossRecordsCompiler.check(docs.get(i), forms.get(i), byKey);
        }
        List<Menu> menus = metadata.all("menu").stream().map(doc -> menu(doc, formKeys)).toList();
        return new FormCatalog(forms, dictionaries, menus);
    }

    /**
     * A reference's {@code mustMatch} names a field of its record (of its row, in a sub-table)
     * and a field of the referenced form that hold the same kind of value; checked once every
     * form is compiled, since the other form's fields are needed.
     */
    private static void checkAgreements(MetadataDocument doc, Form form, Map<String, Form> forms) {
        for (int i = 0; i < form.fields().size(); i++) {
            Field field = form.fields().get(i);
            checkAgreement(doc, "/fields/" + i, form, null, field, forms);
            for (int j = 0; j < field.children().size(); j++) {
                checkAgreement(doc, "/fields/" + i + "/fields/" + j, form, field, field.children().get(j), forms);
            }
        }
    }

    /** What a lookup fills is a field of the form a user may type into, and no field is filled twice. */
    private static void checkLookups(MetadataDocument doc, Form form) {
        for (int i = 0; i < form.fields().size(); i++) {
            FieldLookup lookup = form.fields().get(i).lookup();
            if (lookup == null) {
                continue;
            }
            Set<String> filled = new HashSet<>();
            for (Map.Entry<String, List<String>> e : lookup.fill().entrySet()) {
                String at = "/fields/" + i + "/lookup/fill/" + e.getKey();
                for (String key : e.getValue()) {
                    Field target = form.field(key).orElse(null);
                    if (target == null || target.isTable() || target.isSystemSet()) {
                        throw new MetadataException(doc.source(), at, "'" + key
                                + "' is not a field of this form that a user fills in");
                    }
                    if (!filled.add(key)) {
                        throw new MetadataException(doc.source(), at, "'" + key + "' is filled twice");
                    }
                }
            }
        }
    }

    private static void checkAgreement(MetadataDocument doc, String at, Form form, Field table, Field field,
                                       Map<String, Form> forms) {
        MustMatch mm = field.mustMatch();
        if (mm == null) {
            return;
        }
        Field own = table == null || table.child(mm.field()) == null ? form.field(mm.field()).orElse(null)
                : table.child(mm.field());
        if (own == null || own.isTable() || own == field) {
            throw new MetadataException(doc.source(), at + "/mustMatch/field", "'" + mm.field()
                    + "' is not another field of this " + (table == null ? "form" : "row or form"));
        }
        Form target = forms.get(field.referenceForm());
        Field via = target.field(mm.via()).orElse(null);
        if (via == null || via.isTable()) {
            throw new MetadataException(doc.source(), at + "/mustMatch/via", "form '" + target.key()
                    + "' has no field '" + mm.via() + "'");
        }
        boolean sameKind = own.valueType() == via.valueType() && (own.valueType() != FieldType.REFERENCE
                || own.referenceForm().equals(via.referenceForm()));
        if (!sameKind) {
            throw new MetadataException(doc.source(), at + "/mustMatch", "'" + mm.field() + "' and '"
                    + target.key() + "." + mm.via() + "' do not hold the same kind of value");
        }
    }

    static Message text(Object value) {
        if (value == null) {
            return null;
        }
        @SuppressWarnings("unchecked")
        Map<String, String> texts = (Map<String, String>) value;
        return Message.of(texts);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> maps(Object value) {
        return value == null ? List.of() : (List<Map<String, Object>>) value;
    }

    @SuppressWarnings("unchecked")
    static List<String> strings(Object value) {
        return value == null ? List.of() : (List<String>) value;
    }

    private static List<Option> options(Object value) {
        return maps(value).stream()
                .map(o -> new Option(String.valueOf(o.get("key")), text(o.get("label")), (String) o.get("color")))
                .toList();
    }

    private Dictionary dictionary(MetadataDocument doc) {
        Map<String, Object> c = doc.content();
        return new Dictionary(doc.key(), text(c.get("label")), options(c.get("options")));
    }

    private Menu menu(MetadataDocument doc, Set<String> formKeys) {
        Map<String, Object> c = doc.content();
        List<Menu.Item> items = new ArrayList<>();
        List<Map<String, Object>> raw = maps(c.get("items"));
        for (int i = 0; i < raw.size(); i++) {
            Map<String, Object> item = raw.get(i);
            String form = (String) item.get("form");
            if (form != null && !formKeys.contains(form)) {
                throw new MetadataException(doc.source(), "/items/" + i + "/form", "no form named '" + form + "'");
            }
            items.add(new Menu.Item((String) item.get("key"), text(item.get("label")), form,
                    (String) item.get("url"), (String) item.get("icon")));
        }
        Object order = c.get("order");
        return new Menu(doc.key(), text(c.get("label")), order == null ? 100 : ((Number) order).intValue(), items);
    }

    /** Compiles one form; holds the document so every error can name its file and path. */
    private final class FormBuilder {
        private final MetadataDocument doc;
        private final Map<String, Dictionary> dictionaries;
        private final Set<String> formKeys;
        private final Map<String, Object> c;

        FormBuilder(MetadataDocument doc, Map<String, Dictionary> dictionaries, Set<String> formKeys) {
            this.doc = doc;
            this.dictionaries = dictionaries;
            this.formKeys = formKeys;
            this.c = doc.content();
        }

        Form build() {
            List<Map<String, Object>> rawFields = maps(c.get("fields"));
            FieldScope scope = FieldScope.of(rawFields);
            List<Field> fields = fields(rawFields, "/fields", scope, false);
            Set<String> sectionKeys = new HashSet<>();
            List<Section> sections = maps(c.get("sections")).stream()
                    .map(s -> new Section((String) s.get("key"), text(s.get("label"))))
                    .peek(s -> sectionKeys.add(s.key())).toList();
            for (int i = 0; i < fields.size(); i++) {
                String section = fields.get(i).section();
                if (section != null && !sectionKeys.contains(section)) {
                    fail("/fields/" + i + "/section", "no section named '" + section + "' in sections");
                }
            }
            Set<String> columns = new HashSet<>(PlatformColumns.ALL);
            fields.stream().filter(f -> !f.isTable()).forEach(f -> columns.add(f.key()));
            List<String> search = strings(c.get("searchFields"));
            checkColumns("/searchFields", search, columns);
            List<String> list = strings(c.get("listColumns"));
            checkColumns("/listColumns", list, columns);
            List<String> filters = strings(c.get("filters"));
            checkColumns("/filters", filters, columns);
            String titleField = (String) c.getOrDefault("titleField", "code");
            checkColumns("/titleField", List.of(titleField), columns);
            String sort = (String) c.getOrDefault("defaultSort", "-updated_at");
            checkColumns("/defaultSort", List.of(sort.startsWith("-") ? sort.substring(1) : sort), columns);
            if (list.isEmpty()) {
                list = fields.stream().filter(f -> !f.isTable() && !f.type().isFiles()).limit(6).map(Field::key).toList();
            }
            if (search.isEmpty()) {
                search = List.of("code", titleField).stream().distinct().toList();
            }
            String codePattern = (String) c.getOrDefault("codePattern", "{yyyyMMdd}{seq:5}");
            checkNumberPattern("/codePattern", codePattern);
            List<String> selectable = strings(c.get("selectableStatuses"));
            Field status = fields.stream().filter(f -> f.key().equals("status")).findFirst().orElse(null);
            for (String s : selectable) {
                if (status == null || status.option(s) == null) {
                    fail("/selectableStatuses", "'" + s + "' is not an option of the form's status field");
                }
            }
            List<FormRule> rules = rules(fields, scope);
            return new Form(doc.key(), text(c.get("label")), (String) c.get("icon"), titleField, codePattern, fields,
                    search, list, filters, sort, sections, selectable, rules, PrintCompiler.prints(doc), bin(status),
                    CrossRecordsCompiler.read(c));
        }

        @SuppressWarnings("unchecked")
        private FormBin bin(Field status) {
            if (!(c.get("bin") instanceof Map<?, ?> raw)) {
                return FormBin.DEFAULT;
            }
            Map<String, Object> bin = (Map<String, Object>) raw;
            String restoreStatus = (String) bin.get("restoreStatus");
            if (restoreStatus != null && (status == null || status.option(restoreStatus) == null)) {
                fail("/bin/restoreStatus", "'" + restoreStatus + "' is not an option of the form's status field");
            }
            Integer days = integer(bin.get("purgeAfterDays"));
            return new FormBin(restoreStatus, days == null ? FormBin.DEFAULT.purgeAfterDays() : days);
        }

        /** Rules must name a field of the form and assert something that is true or false. */
        private List<FormRule> rules(List<Field> fields, FieldScope scope) {
            List<FormRule> out = new ArrayList<>();
            List<Map<String, Object>> raw = maps(c.get("rules"));
            Set<String> keys = new HashSet<>();
            for (int i = 0; i < raw.size(); i++) {
                Map<String, Object> r = raw.get(i);
                String at = "/rules/" + i;
                String key = (String) r.get("key");
                if (!keys.add(key)) {
                    fail(at + "/key", "the rule key '" + key + "' is used twice");
                }
                String field = (String) r.get("field");
                if (fields.stream().noneMatch(f -> f.key().equals(field) && !f.isTable())) {
                    fail(at + "/field", "'" + field + "' is not a field of this form (sub-tables cannot be used here)");
                }
                CompiledExpression assertion = expression(r, "assert", at, scope);
                CompiledExpression when = expression(r, "when", at, scope);
                checkCondition(at + "/assert", assertion);
                if (when != null) {
                    checkCondition(at + "/when", when);
                }
                out.add(new FormRule(key, when, assertion, field, text(r.get("message"))));
            }
            return out;
        }

        private void checkCondition(String at, CompiledExpression condition) {
            ValueType type = condition.type();
            if (type != ValueType.BOOLEAN && type != ValueType.ANY) {
                fail(at, "a rule's expression must be true or false, but '" + condition.source() + "' is a "
                        + type.name().toLowerCase(java.util.Locale.ROOT));
            }
        }

        private void checkColumns(String path, List<String> names, Set<String> columns) {
            for (int i = 0; i < names.size(); i++) {
                if (!columns.contains(names.get(i))) {
                    fail(path + (names.size() > 1 || path.endsWith("s") ? "/" + i : ""),
                            "'" + names.get(i) + "' is not a field of this form (sub-tables cannot be used here)");
                }
            }
        }

        private List<Field> fields(List<Map<String, Object>> raw, String path, FieldScope scope, boolean inTable) {
            List<Field> out = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < raw.size(); i++) {
                String at = path + "/" + i;
                Field f = field(raw.get(i), at, scope, inTable);
                if (!seen.add(f.key())) {
                    fail(at + "/key", "the key '" + f.key() + "' is used twice");
                }
                out.add(f);
            }
            return out;
        }

        private Field field(Map<String, Object> m, String at, FieldScope scope, boolean inTable) {
            String key = (String) m.get("key");
            FieldType type = FieldType.of((String) m.get("type"));
            if (PlatformColumns.RESERVED.contains(key) || (inTable && Field.PLATFORM_BOUND.contains(key) && !"code".equals(key))) {
                fail(at + "/key", "'" + key + "' is a platform column name and cannot be a field key");
            }
            if (!inTable) {
                checkPlatformBinding(key, type, at);
            }
            List<Option> options = options(m.get("options"));
            String dictionary = (String) m.get("dictionary");
            if (dictionary != null) {
                Dictionary d = dictionaries.get(dictionary);
                if (d == null) {
                    fail(at + "/dictionary", "no dictionary named '" + dictionary + "'");
                }
                options = d.options();
            }
            String referenceForm = (String) m.get("form");
            if (type == FieldType.REFERENCE && !formKeys.contains(referenceForm)) {
                fail(at + "/form", "no form named '" + referenceForm + "'");
            }
            List<Field> children = List.of();
            if (type == FieldType.TABLE) {
                if (inTable) {
                    fail(at + "/type", "a table cannot contain another table");
                }
                List<Map<String, Object>> rawChildren = maps(m.get("fields"));
                children = fields(rawChildren, at + "/fields", scope.withRow(rawChildren), true);
            }
            Pattern pattern = null;
            if (m.get("pattern") != null) {
                try {
                    pattern = Pattern.compile((String) m.get("pattern"));
                } catch (PatternSyntaxException e) {
                    fail(at + "/pattern", "not a valid regular expression: " + e.getDescription());
                }
            }
            String format = (String) m.get("format");
            if (format != null && !formats.contains(format)) {
                fail(at + "/format", "unknown format '" + format + "'; known: " + new java.util.TreeSet<>(formats));
            }
            String numberPattern = (String) m.get("numberPattern");
            if (type == FieldType.AUTONUMBER && numberPattern != null) {
                checkNumberPattern(at + "/numberPattern", numberPattern);
            }
            FieldType resultType = m.get("resultType") == null ? null : FieldType.of((String) m.get("resultType"));
            Rollup rollup = rollup(m, at, type);
            if (rollup != null && resultType == null) {
                if (rollup.op() != Rollup.Op.COUNT) {
                    fail(at + "/resultType", "a rollup that is not a count says its resultType");
                }
                resultType = FieldType.INTEGER;
            }
            Object defaultValue = m.get("default");
            checkDefault(at, type, defaultValue, options);
            checkBounds(at, resultType == null ? type : resultType, scale(resultType == null ? type : resultType,
                    m.get("scale")), decimal(m.get("min")), decimal(m.get("max")));
            return new Field(key, type, text(m.get("label")), text(m.get("help")), text(m.get("placeholder")),
                    (String) m.get("section"), "full".equals(m.get("width")) || type == FieldType.TABLE
                    || type == FieldType.TEXTAREA,
                    bool(m, "required"), bool(m, "unique"), bool(m, "index"), bool(m, "readOnly"),
                    decimal(m.get("min")), decimal(m.get("max")),
                    scale(resultType == null ? type : resultType, m.get("scale")),
                    integer(m.get("minLength")), integer(m.get("maxLength")), pattern, text(m.get("patternMessage")),
                    format, options, dictionary, referenceForm, children, integer(m.get("minItems")),
                    integer(m.get("maxItems")), m.get("maxFiles") == null ? 10 : integer(m.get("maxFiles")),
                    strings(m.get("accept")), defaultValue,
                    expression(m, "visibleWhen", at, scope), expression(m, "requiredWhen", at, scope),
                    expression(m, "readOnlyWhen", at, scope), expression(m, "expression", at, scope),
                    resultType, numberPattern, bool(m, "withCoordinates"),
                    !Boolean.FALSE.equals(m.get("listed")), mustMatch(m, at, type), lookup(m, at, type, inTable), rollup,
                    onDelete(m, at, inTable));
        }

        /** The fields a lookup fills are checked once the whole form is compiled ({@link #checkLookups}). */
        @SuppressWarnings("unchecked")
        private FieldLookup lookup(Map<String, Object> m, String at, FieldType type, boolean inTable) {
            if (!(m.get("lookup") instanceof Map<?, ?> raw)) {
                return null;
            }
            if (type != FieldType.TEXT || inTable) {
                fail(at + "/lookup", "only a text field of the form (not of a sub-table) may offer a lookup");
            }
            Map<String, Object> lookup = (Map<String, Object>) raw;
            Map<String, List<String>> fill = new LinkedHashMap<>();
            ((Map<String, Object>) lookup.get("fill")).forEach((attribute, target) -> fill.put(attribute,
                    target instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of((String) target)));
            return new FieldLookup((String) lookup.get("source"), fill);
        }

        @SuppressWarnings("unchecked")
        private Rollup rollup(Map<String, Object> m, String at, FieldType type) {
            if (!(m.get("rollup") instanceof Map<?, ?> raw)) {
                return null;
            }
            if (type != FieldType.ROLLUP || inTableOf(at)) {
                fail(at + "/rollup", "only a rollup field of the form itself (not of a sub-table) derives from other records");
            }
            Map<String, Object> r = (Map<String, Object>) raw;
            Map<String, List<String>> where = new LinkedHashMap<>();
            if (r.get("where") instanceof Map<?, ?> w) {
                w.forEach((k, v) -> where.put(String.valueOf(k), ((List<Object>) v).stream().map(String::valueOf).toList()));
            }
            Rollup.Op op = Rollup.Op.of((String) r.get("op"));
            if (op != Rollup.Op.COUNT && r.get("of") == null) {
                fail(at + "/rollup/of", "a " + op.name().toLowerCase(java.util.Locale.ROOT)
                        + " rollup names the field it aggregates (of)");
            }
            return new Rollup((String) r.get("form"), (String) r.get("via"), op, (String) r.get("of"),
                    (String) r.get("by"), where);
        }

        private static boolean inTableOf(String at) {
            return at.indexOf("/fields/") != at.lastIndexOf("/fields/");
        }

        /**
         * Cascading or unlinking is declared on a record's own reference fields: a sub-table row is
         * part of its record, and clearing a required reference would leave an invalid record.
         */
        private OnDelete onDelete(Map<String, Object> m, String at, boolean inTable) {
            OnDelete onDelete = OnDelete.of(m.get("onDelete"));
            if (onDelete != OnDelete.REFUSE && inTable) {
                fail(at + "/onDelete", "a sub-table's reference can only refuse the delete of what it refers to");
            }
            if (onDelete == OnDelete.UNLINK && bool(m, "required")) {
                fail(at + "/onDelete", "a required reference cannot be unlinked: use cascade or refuse");
            }
            return onDelete;
        }

        @SuppressWarnings("unchecked")
        private MustMatch mustMatch(Map<String, Object> m, String at, FieldType type) {
            if (!(m.get("mustMatch") instanceof Map<?, ?> raw)) {
                return null;
            }
            if (type != FieldType.REFERENCE) {
                fail(at + "/mustMatch", "only a reference field may have to agree with another field");
            }
            Map<String, Object> mm = (Map<String, Object>) raw;
            return new MustMatch((String) mm.get("field"), (String) mm.get("via"));
        }

        /** Declared bounds must lie within what the field's column can store, so none of them can mislead. */
        private void checkBounds(String at, FieldType valueType, int scale, BigDecimal min, BigDecimal max) {
            if (!valueType.isNumeric()) {
                return;
            }
            NumberLimits column = NumberLimits.storage(valueType, scale);
            String range = column.minimum().toPlainString() + " .. " + column.maximum().toPlainString();
            if (min != null && (min.compareTo(column.minimum()) < 0 || min.compareTo(column.maximum()) > 0)) {
                fail(at + "/min", "min " + min.toPlainString() + " is outside what the field can store (" + range + ")");
            }
            if (max != null && (max.compareTo(column.minimum()) < 0 || max.compareTo(column.maximum()) > 0)) {
                fail(at + "/max", "max " + max.toPlainString() + " is outside what the field can store (" + range + ")");
            }
            if (min != null && max != null && min.compareTo(max) > 0) {
                fail(at + "/max", "max " + max.toPlainString() + " is below min " + min.toPlainString());
            }
        }

        private void checkPlatformBinding(String key, FieldType type, String at) {
            boolean ok = switch (key) {
                case "code" -> type == FieldType.AUTONUMBER || type == FieldType.TEXT;
                case "owner" -> type == FieldType.USER;
                case "status" -> type == FieldType.SELECT;
                default -> true;
            };
            if (!ok) {
                fail(at + "/type", "the platform field '" + key + "' must have type "
                        + Map.of("code", "autonumber", "owner", "user", "status", "select").get(key));
            }
        }

        private void checkDefault(String at, FieldType type, Object value, List<Option> options) {
            if (value == null) {
                return;
            }
            if (value instanceof String s && s.startsWith("$")) {
                if (!Set.of("$now", "$today", "$user", "$department").contains(s)) {
                    fail(at + "/default", "unknown default '" + s + "'; use $now, $today, $user or $department");
                }
                return;
            }
            if ((type == FieldType.SELECT) && options.stream().noneMatch(o -> o.key().equals(String.valueOf(value)))) {
                fail(at + "/default", "'" + value + "' is not one of the options");
            }
        }

        private CompiledExpression expression(Map<String, Object> m, String name, String at, FieldScope scope) {
            Object source = m.get(name);
            if (source == null) {
                return null;
            }
            try {
                return Expressions.compile((String) source, scope);
            } catch (ExpressionException e) {
                fail(at + "/" + name, e.getMessage());
                return null;
            }
        }

        private void checkNumberPattern(String at, String pattern) {
            try {
                NumberPattern.parse(pattern);
            } catch (IllegalArgumentException e) {
                fail(at, e.getMessage());
            }
        }

        private void fail(String path, String reason) {
            throw new MetadataException(doc.source(), path, reason);
        }
    }

    private static boolean bool(Map<String, Object> m, String name) {
        return Boolean.TRUE.equals(m.get(name));
    }

    private static BigDecimal decimal(Object v) {
        return v == null ? null : new BigDecimal(v.toString());
    }

    private static Integer integer(Object v) {
        return v == null ? null : ((Number) v).intValue();
    }

    private static int scale(FieldType type, Object declared) {
        if (declared != null) {
            return ((Number) declared).intValue();
        }
        return switch (type) {
            case MONEY, PERCENT -> 2;
            case INTEGER -> 0;
            default -> 4;
        };
    }
}
