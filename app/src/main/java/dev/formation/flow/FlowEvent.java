package dev.formation.flow;

import dev.formation.store.DateTimeColumn;
import dev.formation.store.JsonMapConverter;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;

import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/** A line of an instance's timeline: who did what, where, with which comment and details. */
@MappedEntity("flow_events")
record FlowEvent(@Id @GeneratedValue @Nullable Long id, long instanceId, @DateTimeColumn LocalDateTime at, String username,
                 @Nullable String onBehalfOf, String action, @Nullable String nodeKey, @Nullable Long taskId,
                 @Nullable String comment,
                 @Nullable @MappedProperty(converter = JsonMapConverter.class) Map<String, Object> details) {

    /** The event as the instance view and its JSON show it. */
    Map<String, Object> view() {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("id", id);
        e.put("at", at.toString());
        e.put("username", username);
        e.put("on_behalf_of", onBehalfOf);
        e.put("action", action);
        e.put("node", nodeKey);
        e.put("task_id", taskId);
        e.put("comment", comment);
        e.put("details", details == null ? new LinkedHashMap<>() : details);
        return e;
    }
}
