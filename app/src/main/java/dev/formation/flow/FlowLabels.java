package dev.formation.flow;

import dev.formation.plugin.api.Message;
import dev.formation.store.Tx;
import jakarta.inject.Singleton;

import java.util.Collection;
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
    private final FlowStore store;

    public FlowLabels(FlowCatalog catalog, Tx tx, FlowStore store) {
        this.catalog = catalog;
        this.tx = tx;
        this.store = store;
    }

    /** The definitions a set of instances ran on, by instance id, with one query; unknown ids are left out. */
    public Map<Long, Labels> ofInstances(Collection<Long> instanceIds) {
        Set<Long> ids = new LinkedHashSet<>(instanceIds);
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<Long, Long> definitions = tx.read(c -> store.definitions(ids));
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
