package dev.formation.record;

import dev.formation.form.FormCatalog;
import dev.formation.i18n.Texts;

import java.util.List;
import java.util.Locale;

/**
 * A record other live records still refer to cannot be deleted: 409, naming how many records
 * of which forms refer to it, so the user knows what to change first.
 */
public final class InUseException extends RuntimeException {

    /** {@code count} live records of {@code form} refer to the record. */
    public record Referrers(String form, long count) {
    }

    private final List<Referrers> referrers;

    public InUseException(String what, List<Referrers> referrers) {
        super(what + " is referred to by " + referrers);
        this.referrers = List.copyOf(referrers);
    }

    public List<Referrers> referrers() {
        return referrers;
    }

    /** The refusal in the user's language, naming the referring forms by their labels. */
    public String message(FormCatalog forms, Locale locale) {
        return Texts.get(locale, "problem.inUse", referring(forms, locale));
    }

    /** The referring forms and counts, e.g. "成交 2 条、回款 1 条" or "Deal: 2, Payment: 1". */
    public String referring(FormCatalog forms, Locale locale) {
        List<String> items = referrers.stream().map(r -> Texts.get(locale, "problem.inUse.item", label(forms, r, locale),
                r.count())).toList();
        return String.join(Texts.get(locale, "problem.inUse.separator"), items);
    }

    public static String label(FormCatalog forms, Referrers r, Locale locale) {
        return forms.form(r.form()).map(f -> f.label().in(locale)).orElse(r.form());
    }
}
