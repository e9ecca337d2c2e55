package dev.formation.form;

import dev.formation.plugin.api.Message;

/** A titled group of fields on the form pages. */
public record Section(String key, Message label) {
}
