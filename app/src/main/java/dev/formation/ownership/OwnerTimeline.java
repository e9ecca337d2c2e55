package dev.formation.ownership;

import dev.formation.core.Actor;
import dev.formation.flow.FlowCatalog;
import dev.formation.flow.FlowDefinition;
import dev.formation.form.Form;
import dev.formation.i18n.Texts;
import dev.formation.record.OwnerHistory;
import dev.formation.record.RecordService;
import dev.formation.security.Directory;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A record's owner history as people read it: who owned it from when, who moved it and why,
 * with names instead of usernames and the kind of change in the reader's language (a flow's
 * change named by the flow). Only for readers of the record (404 otherwise).
 */
@Singleton
public class OwnerTimeline {

    private static final String FLOW = "flow:";

    private final RecordService records;
    private final OwnerHistory history;
    private final Directory directory;
    private final FlowCatalog flows;

    public OwnerTimeline(RecordService records, OwnerHistory history, Directory directory, FlowCatalog flows) {
        this.records = records;
        this.history = history;
        this.directory = directory;
        this.flows = flows;
    }

    /** Oldest first; each entry has {@code owner}, {@code from}, {@code kind}, {@code reason}, {@code by}, {@code at} and their names. */
    public List<Map<String, Object>> of(String formKey, long id, Actor actor, Locale locale) {
        Map<String, Object> record = records.get(formKey, id, actor);
        Form form = records.form(formKey);
        Map<String, String> names = directory.userNames();
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> change : history.of(form, record)) {
            Map<String, Object> entry = new LinkedHashMap<>(change);
            entry.put("owner_name", name(names, (String) change.get("owner")));
            entry.put("from_name", name(names, (String) change.get("from")));
            entry.put("by_name", name(names, (String) change.get("by")));
            entry.put("kind_label", kindLabel((String) change.get("kind"), locale));
            out.add(entry);
        }
        return out;
    }

    private static String name(Map<String, String> names, String username) {
        return username == null ? null : names.getOrDefault(username, username);
    }

    private String kindLabel(String kind, Locale locale) {
        if (kind.startsWith(FLOW)) {
            return flows.find(kind.substring(FLOW.length())).map(FlowDefinition::label).map(l -> l.in(locale))
                    .orElse(kind.substring(FLOW.length()));
        }
        String key = "page.owners.kind." + kind;
        String text = Texts.get(locale, key);
        return text.equals(key) ? kind : text;
    }
}
