package dev.formation.web.page;

import dev.formation.i18n.Texts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How the flow pages show an instance's or a task's status (a coloured tag), an event's action,
 * and times; the texts come from {@code page.flow.*} in the user's language.
 */
public final class FlowFormat {

    /** The statuses of 我的申请, in the filter's order. */
    public static final List<String> INSTANCE_STATUSES = List.of("running", "returned", "approved", "withdrawn");

    /** Who the engine writes as when nobody acted (automatic approval, the end of a flow). */
    static final String SYSTEM = "system";

    private FlowFormat() {
    }

    /** An instance's status as a tag: running, returned, approved, withdrawn. */
    public static Map<String, Object> instanceStatus(String status, Locale locale) {
        return tag(Texts.get(locale, "page.flow.status." + status), switch (status == null ? "" : status) {
            case "running" -> "is-warning is-light";
            case "returned" -> "is-danger is-light";
            case "approved" -> "is-success is-light";
            default -> "";
        });
    }

    /** A task's status as a tag: pending, waiting, approved, rejected, transferred, cancelled, cc. */
    public static Map<String, Object> taskStatus(String status, Locale locale) {
        return tag(Texts.get(locale, "page.flow.taskStatus." + status), switch (status == null ? "" : status) {
            case "pending" -> "is-warning is-light";
            case "approved" -> "is-success is-light";
            case "rejected" -> "is-danger is-light";
            case "waiting", "transferred" -> "is-info is-light";
            default -> "";
        });
    }

    public static String action(String action, Locale locale) {
        String key = "page.flow.action." + action;
        String text = Texts.get(locale, key);
        return text.equals(key) ? action : text;
    }

    public static String nodeState(String state, Locale locale) {
        return Texts.get(locale, "page.flow.nodeState." + state);
    }

    /** A person by name; the engine itself shows as "system" in the user's language. */
    public static String person(String username, Map<String, String> names, Locale locale) {
        if (username == null || username.isBlank()) {
            return "";
        }
        if (SYSTEM.equals(username)) {
            return Texts.get(locale, "page.flow.system");
        }
        return names.getOrDefault(username, username);
    }

    /** An ISO date-time as pages show it, or "" for none. */
    public static String time(Object iso) {
        return iso == null ? "" : RecordPresenter.dateTime(iso.toString());
    }

    private static Map<String, Object> tag(String text, String css) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kind", "tag");
        out.put("text", text);
        out.put("css", css);
        return out;
    }
}
