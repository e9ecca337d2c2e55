package dev.formation.web.page.records;

import dev.formation.form.Field;
import dev.formation.form.Form;
import dev.formation.form.Section;
import dev.formation.i18n.Texts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A form's fields grouped by their sections, in the sections' order. Fields that name no
 * section (or one the form does not declare) are gathered in a last "other" group, untitled
 * when the form has no sections at all.
 */
final class Sections {

    record Group(String key, String label, List<Field> fields) {
    }

    private Sections() {
    }

    static List<Group> of(Form form, Locale locale, Predicate<Field> shown) {
        Map<String, List<Field>> bySection = new LinkedHashMap<>();
        form.sections().forEach(s -> bySection.put(s.key(), new ArrayList<>()));
        List<Field> rest = new ArrayList<>();
        for (Field field : form.fields()) {
            if (!shown.test(field)) {
                continue;
            }
            List<Field> target = field.section() == null ? null : bySection.get(field.section());
            (target == null ? rest : target).add(field);
        }
        List<Group> out = new ArrayList<>();
        for (Section section : form.sections()) {
            List<Field> fields = bySection.get(section.key());
            if (!fields.isEmpty()) {
                out.add(new Group(section.key(), section.label().in(locale), fields));
            }
        }
        if (!rest.isEmpty()) {
            out.add(new Group("", form.sections().isEmpty() ? "" : Texts.get(locale, "page.section.other"), rest));
        }
        return out;
    }
}
