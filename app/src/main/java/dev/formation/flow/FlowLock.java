package dev.formation.flow;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** A lock key held by an instance (a record under approval, one pending application per applicant). */
@MappedEntity("flow_locks")
record FlowLock(@Id String lockKey, long instanceId) {
}
