package dev.formation.form;

import dev.formation.plugin.api.Message;

import java.util.List;

/** A menu group of the app shell, with its entries (a form's list page or a URL). */
public record Menu(String key, Message label, int order, List<Item> items) {

    /**
     * An entry opens {@code url} when it has one, else the form's list; an entry naming a form
     * shows only to users who may read that form (a URL into a form's list, e.g. a view of it,
     * names the form for that reason).
     */
    public record Item(String key, Message label, String form, String url, String icon) {

        public String href() {
            return url != null ? url : "/forms/" + form;
        }
    }
}
