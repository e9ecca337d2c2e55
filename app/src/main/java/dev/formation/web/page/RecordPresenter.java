package dev.formation.web.page;

import dev.formation.form.Field;
import dev.formation.form.FieldType;
import dev.formation.form.Form;
import dev.formation.form.Option;
import dev.formation.form.PlatformColumns;
import dev.formation.i18n.Texts;
import dev.formation.store.FileStore;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns stored values into what the list and detail pages show: option labels, user and
 * department names, referenced records' titles, formatted money, file names. Each value becomes
 * a small map whose {@code kind} tells the template how to draw it (text, tag, link, files...).
 */
public final class RecordPresenter {

    private static final Map<String, String> TAG_COLORS = Map.ofEntries(
            Map.entry("green", "is-success"), Map.entry("red", "is-danger"), Map.entry("orange", "is-warning"),
            Map.entry("yellow", "is-warning"), Map.entry("blue", "is-info"), Map.entry("purple", "is-link"),
            Map.entry("teal", "is-primary"), Map.entry("cyan", "is-primary"), Map.entry("black", "is-dark"),
            Map.entry("dark", "is-dark"));

    private final Form form;
    private final Lookups.Names names;
    private final Locale locale;

    public RecordPresenter(Form form, Lookups.Names names, Locale locale) {
        this.form = form;
        this.names = names;
        this.locale = locale;
    }

    /** A list column's header: the field's label, or the platform's text for platform columns. */
    public String columnLabel(String column) {
        return form.field(column).map(f -> f.label().in(locale))
                .orElseGet(() -> Texts.get(locale, "page.column." + column));
    }

    /** A column of a record: a field's value, or a platform column such as created_by. */
    public Map<String, Object> column(String column, Map<String, Object> record) {
        Field field = form.field(column).orElse(null);
        if (field != null) {
            return value(field, record.get(column));
        }
        Object value = record.get(column);
        if (value == null) {
            return empty();
        }
        return switch (column) {
            case PlatformColumns.OWNER, PlatformColumns.CREATED_BY, PlatformColumns.UPDATED_BY -> text(userName(value));
            case PlatformColumns.CREATED_AT, PlatformColumns.UPDATED_AT -> text(dateTime(value.toString()));
            default -> text(value.toString());
        };
    }

    public Map<String, Object> value(Field field, Object value) {
        if (value == null || (value instanceof String s && s.isEmpty())
                || (value instanceof List<?> l && l.isEmpty())) {
            return empty();
        }
        return switch (field.valueType()) {
            case SELECT -> option(field, value.toString());
            case MULTISELECT -> tags(field, value);
            case USER -> text(userName(value));
            case DEPARTMENT -> text(names.departments().getOrDefault(value.toString(), value.toString()));
            case REFERENCE -> reference(field, value);
            case BOOLEAN -> text(Texts.get(locale, Boolean.TRUE.equals(value) ? "page.yes" : "page.no"));
            case MONEY -> text(money(value));
            case PERCENT -> text(plain(value) + "%");
            case NUMBER, INTEGER -> text(plain(value));
            case DATETIME -> text(dateTime(value.toString()));
            case TEXTAREA -> kind("multiline", value.toString());
            case URL -> link(value.toString(), value.toString().matches("(?i)^https?://.*")
                    ? value.toString() : "https://" + value, true);
            case EMAIL -> link(value.toString(), "mailto:" + value, false);
            case ADDRESS -> text(address(value));
            case ATTACHMENT, IMAGE -> files(field, value);
            default -> text(value.toString());
        };
    }

    /** The tag class for an option colour in metadata; unknown colours get the plain grey tag. */
    static String tagClass(String color) {
        return color == null ? "" : TAG_COLORS.getOrDefault(color, "");
    }

    public String userName(Object username) {
        return names.users().getOrDefault(username.toString(), username.toString());
    }

    static String money(Object value) {
        BigDecimal number = decimal(value);
        if (number == null) {
            return value.toString();
        }
        DecimalFormat format = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
        format.setRoundingMode(RoundingMode.HALF_UP);
        return format.format(number);
    }

    static String plain(Object value) {
        BigDecimal number = decimal(value);
        return number == null ? value.toString() : number.stripTrailingZeros().toPlainString();
    }

    /** ISO date-times read better with a space and without seconds. */
    public static String dateTime(String iso) {
        String text = iso.replace('T', ' ');
        return text.length() > 16 ? text.substring(0, 16) : text;
    }

    private static BigDecimal decimal(Object value) {
        if (value instanceof BigDecimal d) {
            return d;
        }
        try {
            return new BigDecimal(value.toString());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private Map<String, Object> option(Field field, String key) {
        Option option = field.option(key);
        if (option == null) {
            return text(key);
        }
        if (option.color() != null) {
            Map<String, Object> out = kind("tag", option.label().in(locale));
            out.put("css", tagClass(option.color()));
            return out;
        }
        return text(option.label().in(locale));
    }

    private Map<String, Object> tags(Field field, Object value) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (Object key : value instanceof List<?> l ? l : List.of(value)) {
            Option option = field.option(String.valueOf(key));
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("text", option == null ? String.valueOf(key) : option.label().in(locale));
            item.put("css", option == null ? "" : tagClass(option.color()));
            items.add(item);
        }
        Map<String, Object> out = kind("tags", String.join(", ", items.stream().map(i -> (String) i.get("text")).toList()));
        out.put("items", items);
        return out;
    }

    private Map<String, Object> reference(Field field, Object value) {
        String title = names.title(field.referenceForm(), value);
        return link(title == null || title.isBlank() ? "#" + value : title,
                "/forms/" + field.referenceForm() + "/" + value, false);
    }

    private String address(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            return value.toString();
        }
        String text = map.get("text") == null ? "" : map.get("text").toString();
        if (map.get("lng") != null && map.get("lat") != null) {
            text = (text + " (" + plain(map.get("lng")) + ", " + plain(map.get("lat")) + ")").strip();
        }
        return text;
    }

    private Map<String, Object> files(Field field, Object value) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Object id : value instanceof List<?> l ? l : List.of(value)) {
            list.add(file(String.valueOf(id), names.files().get(String.valueOf(id))));
        }
        Map<String, Object> out = kind(field.valueType() == FieldType.IMAGE ? "images" : "files", "");
        out.put("files", list);
        return out;
    }

    /** A file as pages show it; also used by the editor to list uploads already attached. */
    public static Map<String, Object> file(String id, FileStore.StoredFile stored) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("name", stored == null ? id : stored.name());
        out.put("href", "/api/files/" + id);
        out.put("image", stored != null && stored.contentType().startsWith("image/"));
        return out;
    }

    public static Map<String, Object> link(String text, String href, boolean external) {
        Map<String, Object> out = kind(external ? "external" : "link", text);
        out.put("href", href);
        return out;
    }

    public static Map<String, Object> text(String text) {
        return kind("text", text);
    }

    public static Map<String, Object> empty() {
        return kind("empty", "");
    }

    public static Map<String, Object> kind(String kind, String text) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kind", kind);
        out.put("text", text);
        return out;
    }
}
