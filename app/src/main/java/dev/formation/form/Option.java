package dev.formation.form;

import dev.formation.plugin.api.Message;

/** One choice of a select field or dictionary: a stable key and its label. */
public record Option(String key, Message label, String color) {
}
