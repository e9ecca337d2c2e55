package dev.formation.form;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every compiled form, dictionary and menu. Immutable; rebuilt whole when metadata changes. */
public final class FormCatalog {

    private final Map<String, Form> forms = new LinkedHashMap<>();
    private final Map<String, Dictionary> dictionaries = new LinkedHashMap<>();
    private final List<Menu> menus;

    FormCatalog(Collection<Form> forms, Collection<Dictionary> dictionaries, Collection<Menu> menus) {
        forms.forEach(f -> this.forms.put(f.key(), f));
        dictionaries.forEach(d -> this.dictionaries.put(d.key(), d));
        this.menus = menus.stream().sorted(Comparator.comparingInt(Menu::order).thenComparing(Menu::key)).toList();
    }

    public Collection<Form> forms() {
        return forms.values();
    }

    public Optional<Form> form(String key) {
        return Optional.ofNullable(forms.get(key));
    }

    public Collection<Dictionary> dictionaries() {
        return dictionaries.values();
    }

    public Optional<Dictionary> dictionary(String key) {
        return Optional.ofNullable(dictionaries.get(key));
    }

    public List<Menu> menus() {
        return menus;
    }
}
