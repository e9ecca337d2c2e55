package dev.formation.form;

import dev.formation.plugin.api.Message;

import java.util.List;

/** An admin-maintained option list (数据字典). */
public record Dictionary(String key, Message label, List<Option> options) {
}
