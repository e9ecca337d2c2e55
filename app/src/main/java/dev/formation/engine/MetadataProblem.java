package dev.formation.engine;

import dev.formation.i18n.Texts;
import dev.formation.metadata.MetadataException;
import dev.formation.metadata.MetadataLoader;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One reason a draft cannot be published: the definition (kind, key), the JSON pointer inside
 * it, what sort of problem it is ({@code code}) and why. {@code detail} is the engine's own
 * English sentence (as start-up prints it); {@link #view} gives the reason in the reader's
 * language from {@code metadata.problem.<code>} with {@code args}.
 */
public record MetadataProblem(String kind, String key, String pointer, String code, String detail, List<Object> args) {

    private static final Pattern TENANT = Pattern.compile("tenant:([a-z]+)/([a-z][a-z0-9_]*)");
    private static final Pattern FILE = Pattern.compile("([a-z]+)/([a-z][a-z0-9_]*)\\.ya?ml");
    private static final Pattern MISSING = Pattern.compile("^no (form|report|dictionary) named '([^']+)'");
    private static final Pattern TEMPLATE = Pattern.compile("^no report template (?:reports/)?(\\S+)");
    private static final Pattern ENTRY = Pattern.compile("\\(entry \"([^\"]+)\"\\)");
    private static final Set<String> KINDS = Set.of("text", "decimal", "integer", "date", "datetime", "boolean");
    private static final Set<String> EXPRESSIONS = Set.of("expression", "visibleWhen", "requiredWhen", "readOnlyWhen",
            "assert", "when", "startWhen");

    public MetadataProblem {
        args = List.copyOf(args);
    }

    /**
     * A definition that breaks its meta-schema (read alone, before anything is compiled). A
     * field's {@code type} outside the enumeration is an unknown field type, named from the
     * tenant's own text ({@code content}, may be null) by the entry key the pointer carries.
     */
    static MetadataProblem ofSchema(MetadataException e, Map<String, Object> content) {
        MetadataProblem p = of(e);
        Matcher entry = ENTRY.matcher(p.pointer());
        if ("form".equals(p.kind()) && pointerOnly(p.pointer()).endsWith("/type") && entry.find() && content != null
                && content.get("fields") instanceof List<?> fields) {
            for (Object f : fields) {
                if (f instanceof Map<?, ?> m && entry.group(1).equals(m.get("key")) && m.get("type") != null) {
                    return new MetadataProblem(p.kind(), p.key(), p.pointer(), "unknownType", p.detail(),
                            List.of(String.valueOf(m.get("type"))));
                }
            }
        }
        return new MetadataProblem(p.kind(), p.key(), p.pointer(), "schema", p.detail(), List.of(p.detail()));
    }

    /**
     * A definition the compilers refuse. The definition is read from the exception's source:
     * the tenant's definition if it took part, else the last file. The code is told from the
     * pointer (an expression's place) or the reason (a name that does not exist).
     */
    static MetadataProblem of(MetadataException e) {
        String source = e.source() == null ? "" : e.source();
        String kind = null;
        String key = null;
        Matcher tenant = TENANT.matcher(source);
        if (tenant.find()) {
            kind = tenant.group(1);
            key = tenant.group(2);
        } else {
            Matcher file = FILE.matcher(source);
            while (file.find()) {
                kind = MetadataLoader.FOLDERS.get(file.group(1));
                key = file.group(2);
            }
        }
        String reason = e.reason();
        String last = pointerOnly(e.path()).substring(pointerOnly(e.path()).lastIndexOf('/') + 1);
        Matcher missing = MISSING.matcher(reason);
        Matcher template = TEMPLATE.matcher(reason);
        String code;
        List<Object> args = new ArrayList<>();
        if (missing.find()) {
            code = "missing" + Character.toUpperCase(missing.group(1).charAt(0)) + missing.group(1).substring(1);
            args.add(missing.group(2));
        } else if (template.find()) {
            code = "missingTemplate";
            args.add(template.group(1));
        } else {
            code = EXPRESSIONS.contains(last) ? "expression" : "invalid";
            args.add(reason);
        }
        return new MetadataProblem(kind, key, e.path(), code, reason, args);
    }

    /** The pointer without the "(entry ...)" a meta-schema error adds after it. */
    static String pointerOnly(String pointer) {
        int space = pointer.indexOf(' ');
        return space < 0 ? pointer : pointer.substring(0, space);
    }

    /** Kind, key, pointer, code and the reason in {@code locale}. */
    public Map<String, Object> view(Locale locale) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kind", kind);
        out.put("key", key);
        out.put("pointer", pointer);
        out.put("code", code);
        Object[] values = args.toArray();
        // a type change names the column kinds, which read better in the reader's words
        for (int i = 1; "retype".equals(code) && i <= 2 && i < values.length; i++) {
            if (values[i] instanceof String k && KINDS.contains(k)) {
                values[i] = Texts.get(locale, "metadata.column." + k);
            }
        }
        out.put("reason", Texts.get(locale, "metadata.problem." + code, values));
        return out;
    }
}
