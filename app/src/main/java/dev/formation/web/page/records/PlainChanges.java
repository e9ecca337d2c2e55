package dev.formation.web.page.records;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.formation.i18n.Texts;
import dev.formation.security.RoleCatalog;
import dev.formation.web.page.RecordPresenter;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Audit changes that are not a form's fields: shares, owners, and the administration's user,
 * department and delegation changes. Their keys are the engine's names, so each gets a text,
 * and usernames, department keys and role keys show as names.
 */
final class PlainChanges {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> users;
    private final Map<String, String> departments;
    private final RoleCatalog roles;
    private final Function<String, Optional<String>> reportLabels;
    private final Locale locale;

    /** @param reportLabels a report's label by its key, for report exports */
    PlainChanges(Map<String, String> users, Map<String, String> departments, RoleCatalog roles,
                 Function<String, Optional<String>> reportLabels, Locale locale) {
        this.users = users;
        this.departments = departments;
        this.roles = roles;
        this.reportLabels = reportLabels;
        this.locale = locale;
    }

    /** The text for a key, or the key itself when there is none (a plug-in's own change). */
    String label(String key) {
        String textKey = "page.change." + key;
        String text = Texts.get(locale, textKey);
        return text.equals(textKey) ? key : text;
    }

    Map<String, Object> value(String key, Object value) {
        if (value == null || (value instanceof String text && text.isBlank())
                || (value instanceof Collection<?> c && c.isEmpty())) {
            return RecordPresenter.empty();
        }
        return switch (key) {
            case "shares" -> tags(list(value).stream().map(this::shareTarget).toList());
            case "owners", "subject", "supervisor", "leader", "delegate", "principal", "owner" ->
                    value instanceof Collection<?> c ? tags(c.stream().map(this::user).toList())
                            : RecordPresenter.text(user(value));
            case "department", "parent" -> RecordPresenter.text(departments.getOrDefault(value.toString(),
                    value.toString()));
            case "roles" -> tags(list(value).stream().map(r -> roles.role(String.valueOf(r))
                    .map(role -> role.label().in(locale)).orElse(String.valueOf(r))).toList());
            case "enabled" -> RecordPresenter.text(Texts.get(locale, Boolean.TRUE.equals(value) ? "page.yes" : "page.no"));
            case "delegation" -> RecordPresenter.text(delegation(value));
            case "kind" -> RecordPresenter.text(kind(value.toString()));
            case "report" -> RecordPresenter.text(reportLabels.apply(value.toString()).orElse(value.toString()));
            case "format" -> RecordPresenter.text(value.toString().toUpperCase(Locale.ROOT));
            default -> RecordPresenter.text(plain(value));
        };
    }

    String user(Object username) {
        return username == null ? "" : users.getOrDefault(username.toString(), username.toString());
    }

    /** Shares are stored as {@code user:name} and {@code department:key}. */
    private String shareTarget(Object target) {
        String text = String.valueOf(target);
        if (text.startsWith("user:")) {
            return user(text.substring(5));
        }
        if (text.startsWith("department:")) {
            String key = text.substring(11);
            return departments.getOrDefault(key, key);
        }
        return text;
    }

    /** A grant as "delegate · kind · from – to"; a revocation names only the grant's number. */
    private String delegation(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            return "#" + value;
        }
        List<String> parts = new ArrayList<>();
        if (map.get("delegate") != null) {
            parts.add(user(map.get("delegate")));
        }
        if (map.get("kind") != null) {
            parts.add(kind(map.get("kind").toString()));
        }
        if (map.get("starts_at") != null && map.get("ends_at") != null) {
            parts.add(RecordPresenter.dateTime(map.get("starts_at").toString()) + " – "
                    + RecordPresenter.dateTime(map.get("ends_at").toString()));
        }
        return String.join(" · ", parts);
    }

    /** Department kinds and delegation kinds share this key; each has its own text. */
    private String kind(String kind) {
        for (String prefix : List.of("page.delegation.kind.", "page.department.kind.")) {
            String text = Texts.get(locale, prefix + kind);
            if (!text.equals(prefix + kind)) {
                return text;
            }
        }
        return kind;
    }

    private static List<?> list(Object value) {
        return value instanceof Collection<?> c ? new ArrayList<>(c) : List.of(value);
    }

    private static Map<String, Object> tags(List<String> texts) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (String text : texts) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("text", text);
            item.put("css", "");
            items.add(item);
        }
        Map<String, Object> out = RecordPresenter.kind("tags", String.join(", ", texts));
        out.put("items", items);
        return out;
    }

    private static String plain(Object value) {
        if (value instanceof Map<?, ?> || value instanceof Collection<?>) {
            try {
                return JSON.writeValueAsString(value);
            } catch (JsonProcessingException e) {
                return value.toString();
            }
        }
        return value.toString();
    }
}
