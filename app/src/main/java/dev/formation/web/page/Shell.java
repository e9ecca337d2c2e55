package dev.formation.web.page;

import dev.formation.metadata.MetadataHolder;
import dev.formation.flow.Inbox;
import dev.formation.form.FormCatalog;
import dev.formation.form.Menu;
import dev.formation.i18n.Texts;
import dev.formation.core.Actor;
import dev.formation.report.DashboardService;
import dev.formation.report.ReportCatalog;
import dev.formation.security.AccessPolicy;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The app shell's menu for one user in their language: the groups of {@code metadata/menus/}
 * with only the forms the user's roles let them read, then their dashboards, then system
 * administration for administrators. A link the user could only follow to a 403 is left out.
 */
@Singleton
public class Shell {

    private record Link(String href, String textKey) {
    }

    /** The administration pages, in menu order. */
    private static final List<Link> ADMIN = List.of(new Link("/admin/users", "page.admin.users"),
            new Link("/admin/departments", "page.admin.departments"),
            new Link("/admin/company-registry", "page.admin.companyRegistry"), new Link("/admin/audit", "page.admin.audit"),
            new Link("/admin/logins", "page.admin.logins"));

    private final MetadataHolder metadata;
    private final AccessPolicy access;
    private final DashboardService dashboards;
    private final Inbox inbox;

    public Shell(MetadataHolder metadata, AccessPolicy access, DashboardService dashboards, Inbox inbox) {
        this.metadata = metadata;
        this.access = access;
        this.dashboards = dashboards;
        this.inbox = inbox;
    }

    /**
     * The shell's badges: 待办 counts tasks waiting for the user (or for those they approve for)
     * and unread copies; 消息 counts unread notifications.
     */
    Inbox.Counts counts(Actor actor) {
        return inbox.counts(actor);
    }

    List<Map<String, Object>> menus(Actor actor, Locale locale) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Menu menu : catalog().menus()) {
            List<Map<String, Object>> items = menu.items().stream().filter(item -> readable(item, actor))
                    .map(item -> item(item.key(), item.label().in(locale), item.href(), item.form())).toList();
            if (!items.isEmpty()) {
                out.add(group(menu.key(), menu.label().in(locale), items));
            }
        }
        List<Map<String, Object>> boards = new ArrayList<>();
        for (ReportCatalog.Dashboard d : dashboards.forMenu(actor)) {
            boards.add(item(d.key(), d.label().in(locale), "/dashboards/" + d.key(), null));
        }
        if (!boards.isEmpty()) {
            out.add(group("dashboards", Texts.get(locale, "page.nav.dashboards"), boards));
        }
        if (access.isAdmin(actor)) {
            List<Map<String, Object>> admin = ADMIN.stream()
                    .map(a -> item(a.href(), Texts.get(locale, a.textKey()), a.href(), null)).toList();
            out.add(group("admin", Texts.get(locale, "page.nav.admin"), admin));
        }
        return out;
    }

    /** A form entry shows when some role grants reading it; other entries (URLs) always show. */
    private boolean readable(Menu.Item item, Actor actor) {
        if (item.form() == null) {
            return true;
        }
        return catalog().form(item.form()).map(f -> access.can(actor, f, AccessPolicy.READ)).orElse(false);
    }

    private static Map<String, Object> group(String key, String label, List<Map<String, Object>> items) {
        Map<String, Object> group = new LinkedHashMap<>();
        group.put("key", key);
        group.put("label", label);
        group.put("items", items);
        return group;
    }

    private static Map<String, Object> item(String key, String label, String href, String form) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("key", key);
        out.put("label", label);
        out.put("href", href);
        out.put("form", form == null ? "" : form);
        return out;
    }

    private FormCatalog catalog() {
        return metadata.current().get(FormCatalog.class);
    }
}
