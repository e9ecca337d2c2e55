package dev.formation.store;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** The last number handed out (to some node's block) for one auto-number. */
@MappedEntity("number_counters")
record NumberCounter(@Id String counterKey, long lastValue) {
}
