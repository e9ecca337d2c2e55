package dev.formation.web.page.records;

import dev.formation.i18n.Texts;
import dev.formation.core.Actor;
import dev.formation.record.RecordService;
import dev.formation.security.Delegation;
import dev.formation.security.DelegationService;
import dev.formation.security.Directory;
import dev.formation.web.page.Choices;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * "Create on behalf of" on the new-record page: whom the user may create records for now (an
 * active create delegation from someone whose roles may create on the form), and the actor a
 * post becomes when one of them is chosen. The delegation service decides; this only asks it.
 */
@Singleton
public class OnBehalf {

    /** The posted field; not a form field, so the record reader never sees it. */
    static final String FIELD = "_on_behalf_of";

    private final DelegationService delegations;
    private final RecordService records;
    private final Directory directory;

    public OnBehalf(DelegationService delegations, RecordService records, Directory directory) {
        this.delegations = delegations;
        this.records = records;
        this.directory = directory;
    }

    /** Principals of the user's active create delegations who may create records of the form. */
    List<String> principals(String form, Actor actor) {
        List<String> out = new ArrayList<>();
        for (String principal : delegations.principalsFor(actor.username(), Delegation.CREATE)) {
            if (records.mayCreate(form, delegations.actFor(actor, principal, Delegation.CREATE))) {
                out.add(principal);
            }
        }
        return out;
    }

    /** The actor of a post: the user, or the principal they chose (403 without an active grant). */
    Actor acting(Actor actor, String principal) {
        if (principal == null || principal.isBlank() || principal.strip().equals(actor.username())) {
            return actor;
        }
        return delegations.actFor(actor, principal.strip(), Delegation.CREATE);
    }

    /**
     * Values the page filled in from the user's own defaults ({@code $user} as the owner, their
     * department) take the principal's defaults instead: the record is the principal's. The
     * page's script does the same as the user picks, so this matters when scripts are off.
     */
    void followPrincipal(String form, Map<String, Object> input, Actor actor, Actor acting) {
        if (acting == actor) {
            return;
        }
        Map<String, Object> mine = records.blank(form, actor);
        Map<String, Object> theirs = records.blank(form, acting);
        mine.forEach((key, value) -> {
            if (value != null && Objects.equals(value, input.get(key)) && !Objects.equals(value, theirs.get(key))) {
                input.put(key, theirs.get(key));
            }
        });
    }

    /**
     * The page's select, or nothing when the user acts for no one. "Myself" is offered only when
     * the user may create such records themselves.
     */
    Map<String, Object> model(String form, Actor actor, List<String> principals, String selected, Locale locale) {
        if (principals.isEmpty()) {
            return Map.of();
        }
        Map<String, String> names = directory.userNames();
        Map<String, String> options = new LinkedHashMap<>();
        if (records.mayCreate(form, actor)) {
            options.put("", Texts.get(locale, "page.edit.onBehalf.self", actor.name() == null ? actor.username()
                    : actor.name()));
        }
        principals.forEach(p -> options.put(p, names.getOrDefault(p, p)));
        String chosen = selected == null || !options.containsKey(selected) ? options.keySet().iterator().next()
                : selected;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", FIELD);
        out.put("self", actor.username());
        out.put("current", chosen.isEmpty() ? actor.username() : chosen);
        out.put("options", Choices.of(options, List.of(chosen)));
        return Map.of("onBehalf", out);
    }
}
