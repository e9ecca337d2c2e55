package dev.formation.security;

import java.util.Locale;

/** Which rows a grant reaches, from narrowest to widest. */
public enum Scope {
    OWN, TEAM, DEPARTMENT, BRANCH, ALL;

    public static Scope of(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    public Scope widest(Scope other) {
        return other == null || compareTo(other) >= 0 ? this : other;
    }
}
