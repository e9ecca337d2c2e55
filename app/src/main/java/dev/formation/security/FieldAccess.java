package dev.formation.security;

import java.util.Locale;

/** What a role may do with one field; when roles disagree the most generous wins. */
public enum FieldAccess {
    HIDDEN, READONLY, EDITABLE;

    public static FieldAccess of(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    public FieldAccess mostGenerous(FieldAccess other) {
        return other == null || compareTo(other) >= 0 ? this : other;
    }
}
