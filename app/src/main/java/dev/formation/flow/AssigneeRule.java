package dev.formation.flow;

import java.util.List;

/**
 * How a node finds its people. One kind per rule; {@code value} holds the kind's argument
 * (the users, a role key, a number of levels, a field key).
 */
public record AssigneeRule(Kind kind, List<String> users, String value, int levels) {

    public enum Kind {
        /** named users */
        USERS,
        /** every enabled user with the role */
        ROLE,
        /** one user of the role, picked by the submitter when submitting */
        CHOOSE_FROM_ROLE,
        /** the submitter's supervisor N levels up */
        SUPERVISOR,
        /** every supervisor up to N levels, nearest first */
        SUPERVISORS,
        /** the leader of the submitter's, the owner's or a department field's department */
        DEPARTMENT_LEADER,
        /** the user in a user field of the record */
        FIELD
    }

    public boolean chosenBySubmitter() {
        return kind == Kind.CHOOSE_FROM_ROLE;
    }
}
