package dev.formation.flow;

import java.util.Map;

/**
 * What an outcome does to the record: set its status and fields, write the change request's
 * proposed values, add the submitter as an owner or hand the record to them.
 */
public record Effects(String status, Map<String, Object> fields, boolean applyChanges, boolean addSubmitterAsOwner,
                      boolean assignToSubmitter) {

    public static final Effects NONE = new Effects(null, Map.of(), false, false, false);

    public boolean isEmpty() {
        return status == null && fields.isEmpty() && !applyChanges && !addSubmitterAsOwner && !assignToSubmitter;
    }
}
