package dev.formation.form;

import dev.formation.plugin.api.Message;

import java.util.List;

/** A menu group of the app shell, with its entries (a form's list page or a URL). */
public record Menu(String key, Message label, int order, List<Item> items) {

    public record Item(String key, Message label, String form, String url, String icon) {

        public String href() {
            return form != null ? "/forms/" + form : url;
        }
    }
}
