package dev.formation.web.page;

import dev.formation.form.FormCatalog;
import dev.formation.form.Menu;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The app shell's menu in the user's language, from {@code metadata/menus/}. */
final class Shell {

    private Shell() {
    }

    static List<Map<String, Object>> menus(FormCatalog catalog, Locale locale) {
        return catalog.menus().stream().map(menu -> {
            Map<String, Object> group = new LinkedHashMap<>();
            group.put("key", menu.key());
            group.put("label", menu.label().in(locale));
            group.put("items", menu.items().stream().map(item -> item(item, locale)).toList());
            return group;
        }).toList();
    }

    private static Map<String, Object> item(Menu.Item item, Locale locale) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("key", item.key());
        out.put("label", item.label().in(locale));
        out.put("href", item.href());
        out.put("form", item.form() == null ? "" : item.form());
        return out;
    }
}
