package dev.formation.web.page.admin;

import dev.formation.i18n.Texts;
import dev.formation.security.Role;
import dev.formation.security.RoleCatalog;
import dev.formation.web.page.Choices;
import dev.formation.web.protection.FormBody;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The user form of the administration, new or existing: what was posted or stored, the choices
 * (departments, supervisors, the roles of {@code metadata/roles/}), and how a post is read
 * into the input the user administration takes.
 */
final class AdminUserForm {

    static final List<String> FIELDS = List.of("username", "name", "email", "mobile", "password", "department", "supervisor",
            "roles", "enabled");

    private AdminUserForm() {
    }

    /** The fields an administrator may set; {@code username} and {@code password} only on a new user. */
    static Map<String, Object> read(FormBody posted, boolean isNew) {
        Map<String, Object> input = new LinkedHashMap<>();
        if (isNew) {
            input.put("username", text(posted.first("username")));
            // a password is taken as typed: spaces may be part of it
            input.put("password", posted.first("password"));
        }
        for (String key : List.of("name", "email", "mobile", "department", "supervisor")) {
            input.put(key, text(posted.first(key)));
        }
        input.put("roles", posted.all("roles").stream().map(String::strip).filter(r -> !r.isEmpty()).distinct()
                .toList());
        if (!isNew) {
            // the hidden "false" comes before the box, so the last value is the box when ticked
            input.put("enabled", "true".equals(posted.last("enabled")));
        }
        return input;
    }

    /** Input labels, for the service's messages that name fields by their keys. */
    static Map<String, String> labels(Locale locale) {
        Map<String, String> out = new LinkedHashMap<>();
        FIELDS.forEach(f -> out.put(f, Texts.get(locale, "page.users." + f)));
        return out;
    }

    /**
     * @param values      the user as stored or as posted (never a password)
     * @param users       username → name, for the supervisor
     * @param departments key → name
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> model(Map<String, Object> values, boolean isNew, Map<String, String> users,
                                     Map<String, String> departments, RoleCatalog roles, Locale locale) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("isNew", isNew);
        String username = string(values.get("username"));
        model.put("username", username);
        model.put("name", string(values.get("name")));
        model.put("email", string(values.get("email")));
        model.put("mobile", string(values.get("mobile")));
        model.put("enabled", !Boolean.FALSE.equals(values.get("enabled")));
        model.put("departments", Choices.of(departments, List.of(string(values.get("department")))));
        Map<String, String> supervisors = new LinkedHashMap<>(users);
        supervisors.remove(username);
        model.put("supervisors", Choices.of(supervisors, List.of(string(values.get("supervisor")))));
        List<String> chosen = values.get("roles") instanceof List<?> l ? (List<String>) l : List.of();
        Map<String, String> roleLabels = new LinkedHashMap<>();
        for (Role role : roles.roles()) {
            roleLabels.put(role.key(), role.label().in(locale));
        }
        model.put("roles", Choices.of(roleLabels, chosen));
        model.put("action", isNew ? "/admin/users/new" : "/admin/users/" + username);
        model.put("passwordAction", "/admin/users/" + username + "/password");
        model.put("unlockAction", "/admin/users/" + username + "/unlock");
        return model;
    }

    /** Role keys as their labels, for the user list. */
    static List<String> roleLabels(Object keys, RoleCatalog roles, Locale locale) {
        List<String> out = new ArrayList<>();
        if (keys instanceof List<?> list) {
            for (Object key : list) {
                out.add(roles.role(String.valueOf(key)).map(r -> r.label().in(locale)).orElse(String.valueOf(key)));
            }
        }
        return out;
    }

    private static String text(String raw) {
        return raw == null || raw.isBlank() ? null : raw.strip();
    }

    private static String string(Object value) {
        return value == null ? "" : value.toString();
    }
}
