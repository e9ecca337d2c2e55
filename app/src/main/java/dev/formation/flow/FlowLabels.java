package dev.formation.flow;

import dev.formation.plugin.api.Message;
import dev.formation.store.Tx;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Flows and their nodes by the labels people read, for pages that show what was stored by key
 * (the audit trail names a flow, an instance and a node). A node is named as the definition the
 * instance ran on names it, so a later version that renamed or dropped the node changes nothing.
 */
@Singleton
public class FlowLabels {

    private final FlowCatalog catalog;
    private final Tx tx;

    public FlowLabels(FlowCatalog catalog, Tx tx) {
        this.catalog = catalog;
        this.tx = tx;
    }

    /** The definitions a set of instances ran on, by instance id, with one query; unknown ids are left out. */
    public Map<Long, Labels> ofInstances(Collection<Long> instanceIds) {
        Set<Long> ids = new LinkedHashSet<>(instanceIds);
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<Long, Long> definitions = tx.read(c -> {
            Map<Long, Long> out = new HashMap<>();
            String marks = String.join(", ", Collections.nCopies(ids.size(), "?"));
            try (PreparedStatement ps = c.prepareStatement("SELECT `id`, `definition_id` FROM `flow_instances` "
                    + "WHERE `id` IN (" + marks + ")")) {
                int i = 1;
                for (Long id : ids) {
                    ps.setLong(i++, id);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getLong(1), rs.getLong(2));
                    }
                }
            }
            return out;
        });
        Map<Long, Labels> out = new HashMap<>();
        definitions.forEach((instance, definition) -> out.put(instance, new Labels(catalog.snapshot(definition))));
        return out;
    }

    /** The flow's labels as it is defined now, for entries that name no instance (publishing a flow). */
    public Optional<Labels> ofFlow(String key) {
        return catalog.find(key).map(Labels::new);
    }

    /** One definition's labels: the flow's and each node's. */
    public static final class Labels {

        private final FlowDefinition definition;

        Labels(FlowDefinition definition) {
            this.definition = definition;
        }

        public Message flow() {
            return definition.label();
        }

        public Optional<Message> node(String key) {
            return definition.node(key).map(FlowNode::label);
        }
    }
}
