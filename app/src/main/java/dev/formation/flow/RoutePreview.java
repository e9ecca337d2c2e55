package dev.formation.flow;

import dev.formation.core.Actor;
import dev.formation.core.NotFoundException;
import dev.formation.record.RecordService;
import dev.formation.security.Directory;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Before submitting: the route a flow would take for this record as it is now, and the people
 * each node would ask, so the submitter sees who will approve (and a node nobody would
 * approve is visible before it fails).
 */
@Singleton
public class RoutePreview {

    private final FlowCatalog catalog;
    private final FlowWalker walker;
    private final RecordService records;
    private final AssigneeResolver resolver;
    private final Directory directory;

    public RoutePreview(FlowCatalog catalog, FlowWalker walker, RecordService records, AssigneeResolver resolver,
                        Directory directory) {
        this.catalog = catalog;
        this.walker = walker;
        this.records = records;
        this.resolver = resolver;
        this.directory = directory;
    }

    public Map<String, Object> preview(String formKey, long recordId, String action, String chosen, Actor actor,
                                       Locale locale) {
        FlowDefinition def = catalog.forTrigger(formKey, action)
                .orElseThrow(() -> new NotFoundException(formKey + " action " + action));
        records.requireAccess(formKey, recordId, def.permission(), actor);
        Map<String, Object> record = records.stored(formKey, recordId);
        Map<String, String> names = directory.userNames();
        List<Map<String, Object>> nodes = new ArrayList<>();
        for (FlowNode node : walker.route(def, def.first().orElse(null), record, actor.username())) {
            if (node.type() == FlowNode.Type.CONDITION) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("key", node.key());
            m.put("label", node.label().in(locale));
            m.put("type", node.type().name().toLowerCase(Locale.ROOT));
            m.put("mode", node.mode().name().toLowerCase(Locale.ROOT));
            List<String> people = node.type() == FlowNode.Type.CC
                    ? resolver.resolve(node.assignees(), actor.username(), record, null)
                    : walker.assignees(def, node, record, actor.username(), chosen);
            m.put("assignees", people.stream().map(u -> Map.of("username", u, "name", names.getOrDefault(u, u))).toList());
            boolean choose = node.assignees() != null && node.assignees().chosenBySubmitter();
            m.put("choose", choose);
            if (choose) {
                m.put("choices", resolver.usersWithRole(node.assignees().value()).stream()
                        .map(u -> Map.of("username", u.username(), "name", u.name())).toList());
            }
            nodes.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("flow", def.key());
        out.put("flow_label", def.label().in(locale));
        out.put("nodes", nodes);
        return out;
    }
}
