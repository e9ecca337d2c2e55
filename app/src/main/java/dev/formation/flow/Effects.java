package dev.formation.flow;

import java.util.List;
import java.util.Map;

/**
 * What an outcome does to the record: set its status and fields, write the change request's
 * proposed values, add the submitter as an owner or hand the record to them, or take away the
 * added owners (a record released to nobody).
 */
public record Effects(String status, Map<String, Object> fields, boolean applyChanges, boolean addSubmitterAsOwner,
                      boolean assignToSubmitter, boolean removeAddedOwners) {

    public static final Effects NONE = new Effects(null, Map.of(), false, false, false, false);

    /** Values an effect may name instead of a constant: who submitted, their department, when. */
    public static final List<String> TOKENS = List.of("$submitter", "$submitter.department", "$now", "$today");

    public boolean isEmpty() {
        return status == null && fields.isEmpty() && !applyChanges && !addSubmitterAsOwner && !assignToSubmitter
                && !removeAddedOwners;
    }
}
